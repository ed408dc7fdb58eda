import type { ConfigFlags } from '../config/resolve.js';
import { LecternError } from '../errors.js';

/** Options of `lectern serve`. */
export interface ServeOptions {
  port?: number;
  host?: string;
  io: { out: (s: string) => void; err: (s: string) => void };
  quiet: boolean;
}

/** `lectern serve`: placeholder until the live-preview server lands. */
export async function runServe(_input: string, _flags: ConfigFlags, _o: ServeOptions): Promise<number> {
  throw new LecternError('USAGE', 'serve is not available yet');
}
