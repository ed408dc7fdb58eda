/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): the functions that took the most
 * time, by self time and by total time (callees included, recursion counted once), with
 * dist/ paths mapped back to src/*.ts so the hotspot can be found in the source.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What a profile says: where the CPU went, and how long the process sat idle (waiting for the browser or the disk). */
export interface ProfileSummary {
  bySelf: Hotspot[];
  byTotal: Hotspot[];
  totalMs: number;
  idleMs: number;
  gcMs: number;
}

/** One function's share of a profile. */
export interface Hotspot {
  where: string;
  selfMs: number;
  totalMs: number;
}

function label(frame: ProfileNode['callFrame'], root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  let path = frame.url;
  try {
    path = relative(root, fileURLToPath(frame.url));
  } catch {
    /* node:internal and the like */
  }
  const dist = path.startsWith('dist/') ? ` [${path}:${frame.lineNumber + 1}]` : '';
  path = path.replace(/^dist\/(.*)\.js$/, 'src/$1.ts').replace(/^.*node_modules\//, '');
  // Anonymous functions are told apart by their line in the emitted JS (tsc keeps the shape).
  return `${path}:${name}${name === '(anonymous)' ? dist : ''}`;
}

/** The top `n` functions of a profile by self time and by total time. */
export function hotspots(file: string, root: string, n = 8): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const node = byId.get(id)!;
    const own = label(node.callFrame, root);
    self.set(own, (self.get(own) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = label(byId.get(cur)!.callFrame, root);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  const rows = [...new Set([...self.keys(), ...total.keys()])].map((where) => ({ where, selfMs: self.get(where) ?? 0, totalMs: total.get(where) ?? 0 }));
  const ours = (h: Hotspot) => !/^\((root|program|idle|garbage collector)\)$/.test(h.where);
  // The CLI and pipeline frames wrap everything; below them the stages and rules say where time goes.
  const inner = (h: Hotspot) => h.where.startsWith('src/') && !/^src\/(cli|pipeline)\.ts:(?!prepare|writeDeck)/.test(h.where);
  return {
    bySelf: [...rows].filter(ours).sort((a, b) => b.selfMs - a.selfMs).slice(0, n),
    byTotal: [...rows].filter(inner).sort((a, b) => b.totalMs - a.totalMs).slice(0, n),
    totalMs: all,
    idleMs: self.get('(idle)') ?? 0,
    gcMs: self.get('(garbage collector)') ?? 0,
  };
}
