import { printable } from './model/diagnostics.js';

/**
 * Codes for usage and environment errors. The CLI maps every code to an exit code
 * and prints the message as one line; the library API lets the error propagate.
 */
export const ErrorCodes = {
  /** Bad command-line usage. */
  USAGE: 'USAGE',
  /** An input file is missing, unreadable, empty, binary or undecodable. */
  INPUT: 'INPUT',
  /** The content cannot be built (malformed front matter, unknown template or theme). */
  CONTENT: 'CONTENT',
  /** The output folder cannot be written. */
  OUTPUT: 'OUTPUT',
  /** No usable browser, or the browser failed. */
  BROWSER: 'BROWSER',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Exit codes the CLI uses for each error code (0 is success, 1 a bug). */
export const exitCodes: Record<ErrorCode, number> = {
  USAGE: 2,
  INPUT: 3,
  CONTENT: 4,
  OUTPUT: 5,
  BROWSER: 6,
};

/**
 * A usage or environment error with a code and a one-line message that says what to do.
 * Line breaks in the message (from a parser's message or a file name) become spaces, so the
 * CLI's output stays one line per error, and every other control character (a file name can
 * hold a terminal escape: `$'\e]0;x\a.md'`) is printed escaped, as in diagnostics.
 */
export class LecternError extends Error {
  readonly code: ErrorCode;
  /** The file the error is about, when there is one. */
  readonly file?: string;

  constructor(code: ErrorCode, message: string, options?: { file?: string; cause?: unknown }) {
    super(printable(oneLine(message)), options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LecternError';
    this.code = code;
    this.file = options?.file;
  }
}

/** True for errors Lectern raised on purpose (as opposed to bugs). */
export function isLecternError(e: unknown): e is LecternError {
  return e instanceof LecternError;
}

/** Collapses line breaks and the whitespace around them into single spaces. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim();
}
