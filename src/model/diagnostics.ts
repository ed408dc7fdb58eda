/** A position in a source file, carried from ingest to the plan so messages can say `file:line`. */
export interface SourcePos {
  /** Path of the source file as given by the user (or a display name for in-memory input). */
  file: string;
  /** 1-based line number. */
  line: number;
}

/** Severity of a content diagnostic. Content problems never stop a build. */
export type Severity = 'warning' | 'info';

/**
 * A content diagnostic: something in the input that Lectern could not read confidently.
 * The build goes on with a fallback; the CLI prints these as `file:line: message`.
 */
export interface Diagnostic {
  severity: Severity;
  message: string;
  pos?: SourcePos;
}

/** Formats a diagnostic as one line, `file:line: warning: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.pos ? `${d.pos.file}:${d.pos.line}: ` : '';
  return `${where}${d.severity}: ${d.message}`;
}
