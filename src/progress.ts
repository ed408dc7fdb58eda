import { basename } from 'node:path';
import stringWidth from 'string-width';
import type { BuildEvent, BuildOutput } from './pipeline.js';
import { printable } from './model/diagnostics.js';

/** Where and how to show a build's progress. */
export interface ProgressOptions {
  /** Writes to the progress stream (stderr). */
  write: (s: string) => void;
  /** Redraw a bar in place (a terminal) rather than log a line per file (CI, pipes). */
  tty: boolean;
  /** Show nothing. */
  quiet: boolean;
  /** Terminal width, read at each redraw. @defaultValue 80 */
  columns?: () => number | undefined;
  /** Outputs each deck writes, until its plan says (index.html plus the PDFs asked for). @defaultValue 1 */
  outputsPerDeck?: number;
}

/** A build's progress display. */
export interface Progress {
  event(e: BuildEvent): void;
  /** Writes `text` through `write` with the bar out of the way (a line of results, say). */
  print(write: (s: string) => void, text: string): void;
  /** Removes the bar (again is harmless): at the end, or on interruption. */
  end(): void;
}

/**
 * Progress of a build on stderr. In a terminal: one line, redrawn in place — a bar of files
 * written, decks done of all, and the decks in progress with what they still print. Elsewhere:
 * a plain line per file written. Quiet: nothing.
 */
export function createProgress(o: ProgressOptions): Progress {
  if (o.quiet) return { event: () => undefined, print: (w, t) => w(t), end: () => undefined };
  if (!o.tty) return plainProgress(o);
  return barProgress(o);
}

function plainProgress(o: ProgressOptions): Progress {
  return {
    event(e) {
      if (e.type === 'output') o.write(`${printable(e.file)}: ${e.output} (${size(e.bytes)})\n`);
    },
    print: (w, t) => w(t),
    end: () => undefined,
  };
}

function barProgress(o: ProgressOptions): Progress {
  const per = o.outputsPerDeck ?? 1;
  let files: string[] = [];
  const planned = new Map<string, number>();
  const writtenFor = new Map<string, number>();
  const pending = new Map<string, BuildOutput[]>();
  let written = 0;
  let decks = 0;
  let failed = 0;
  let shown = false;
  const started = Date.now();
  const width = () => Math.max(40, o.columns?.() ?? 80);
  const clear = () => {
    if (shown) o.write('\r\x1b[2K');
    shown = false;
  };
  const draw = () => {
    const total = files.reduce((n, f) => n + (planned.get(f) ?? per), 0) || 1;
    const cells = 20;
    const full = Math.min(cells, Math.round((written / total) * cells));
    const active = [...pending].map(([f, outs]) => `${printable(basename(f))}${outs.length ? ` (${outs.join(', ')})` : ''}`).join(', ');
    const secs = Math.round((Date.now() - started) / 1000);
    let line = `[${'#'.repeat(full)}${'-'.repeat(cells - full)}] ${decks}/${files.length} decks · ${written}/${total} files${failed ? ` · ${failed} failed` : ''} · ${secs}s${active ? ` · ${active}` : ''}`;
    line = fitColumns(line, width() - 1);
    o.write(`\r\x1b[2K${line}`);
    shown = true;
  };
  // The elapsed time moves even while one long PDF prints; unref'd, so it never holds the process.
  const timer = setInterval(() => shown && draw(), 1000);
  timer.unref();
  return {
    event(e) {
      if (e.type === 'start') files = e.files;
      else if (e.type === 'begin') pending.set(e.file, []);
      else if (e.type === 'planned') {
        planned.set(e.file, e.outputs.length);
        pending.set(e.file, [...e.outputs]);
      } else if (e.type === 'output') {
        written++;
        writtenFor.set(e.file, (writtenFor.get(e.file) ?? 0) + 1);
        pending.set(e.file, (pending.get(e.file) ?? []).filter((x) => x !== e.output));
      } else if (e.type === 'done') {
        decks++;
        pending.delete(e.result.file);
      } else if (e.type === 'failed') {
        failed++;
        planned.set(e.failure.file, writtenFor.get(e.failure.file) ?? 0);
        pending.delete(e.failure.file);
      }
      draw();
    },
    print(write, text) {
      const was = shown;
      clear();
      write(text);
      if (was) draw();
    },
    end() {
      clearInterval(timer);
      clear();
    },
  };
}

/**
 * Columns a string takes in a terminal: 2 for Han, kana, Hangul and most emoji, 0 for combining
 * marks. Characters of ambiguous width (`·`, `…`, `é`) count 1, as terminals draw them unless
 * set otherwise (gnome-terminal, iTerm2 and Windows Terminal all default to narrow).
 */
export function columnsOf(s: string): number {
  return stringWidth(s);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `line` cut to at most `max` columns with `…` at the end, never inside a character. */
export function fitColumns(line: string, max: number): string {
  if (columnsOf(line) <= max) return line;
  const room = max - columnsOf('…');
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(line)) {
    const w = columnsOf(segment);
    if (used + w > room) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
