import { isAbsolute, relative, sep } from 'node:path';

/**
 * True when `path` lies below the folder `dir` (not `dir` itself). Only a `..` segment climbs
 * out: a name that merely starts with two dots ("..notes.md") is inside.
 */
export function isBelow(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
