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

/**
 * Formats diagnostics for a terminal: identical messages about one file are folded into one
 * line listing their lines, so a long transcript gives one warning per kind, not dozens.
 */
export function formatDiagnostics(ds: Diagnostic[]): string[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of ds) {
    const key = `${d.pos?.file ?? ''}\u0000${d.severity}\u0000${d.message}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()].map((g) => {
    if (g.length === 1 || !g[0].pos) return formatDiagnostic(g[0]);
    const lines = g.map((d) => d.pos!.line);
    return `${g[0].pos!.file}:${lines[0]}: ${g[0].severity}: ${g[0].message} (${g.length} times, lines ${lines.join(', ')})`;
  });
}
