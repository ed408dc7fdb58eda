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
  /**
   * What `lectern check` also reports as a problem of the slide at `pos`: `image-missing`, a
   * local picture the folder does not hold, left out of the deck (ingest/missing-images.ts).
   */
  code?: 'image-missing';
}

// C0 and C1 controls and DEL (terminal escapes, bell, newlines), the line and paragraph
// separators, and the bidi overrides and isolates, which reorder what a terminal shows.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Makes text from the content safe to print on one terminal line: every control character
 * is shown as an escape (`\u001b`, `\n`…), so a file name or an image path in a message
 * cannot move the cursor, retitle the window, clear the screen or break the line.
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => (Object.hasOwn(SHORT, c) ? SHORT[c] : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Formats a diagnostic as one line, `file:line: warning: message`, with controls escaped. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.pos ? `${printable(d.pos.file)}:${d.pos.line}: ` : '';
  return `${where}${d.severity}: ${printable(d.message)}`;
}

/**
 * Formats diagnostics for a terminal: identical messages about one file are folded into one
 * line listing their lines, so a long transcript gives one warning per kind, not dozens.
 * Control characters are escaped, as in `formatDiagnostic`.
 */
export function formatDiagnostics(ds: Diagnostic[]): string[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of ds) {
    const key = `${d.pos?.file ?? ''}\u0000${d.severity}\u0000${d.message}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()].map((g) => {
    if (g.length === 1 || !g[0].pos) return formatDiagnostic(g[0]);
    const lines = g.map((d) => d.pos!.line);
    return `${formatDiagnostic(g[0])} (${g.length} times, lines ${lines.join(', ')})`;
  });
}
