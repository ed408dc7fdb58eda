/**
 * Runs a command as a child process and measures it: wall time, and memory sampled from
 * /proc every ~50 ms — the child's own peak RSS (VmHWM, which the kernel keeps as a high-water
 * mark, so a spike between samples is not lost) and the summed RSS of everything it started
 * (for Lectern and the floor script: the Chromium process tree).
 *
 * Summed RSS counts pages shared between Chromium's processes once per process, so it
 * overstates what the tree really holds; it is the conventional, comparable number. Summed PSS
 * (shared pages split between their users) is recorded too, every 0.5 s.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const PAGE_KB = 4; // getconf PAGESIZE on x86-64 and arm64 Linux
const PSS_EVERY = 10;

/** What one measured run did. */
export interface RunResult {
  ms: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** The child's own peak RSS (VmHWM), in KB. */
  nodePeakKb: number;
  /** Peak of the summed RSS of the child's descendants, in KB. */
  treePeakKb: number;
  /** Peak of the summed PSS of the child's descendants (shared pages split between them), in KB; sampled 10× less often. */
  treePssPeakKb: number;
  /** Average time one /proc sample took, in ms (the sampler's own cost). */
  sampleMs: number;
  /** The command line of the first descendant that looked like a browser. */
  browserArgs?: string[];
  /**
   * CPU time (user + system) of the child and every descendant, in ms, from each process's last
   * /proc sample: up to one sampling interval per process short, but, unlike the wall time, not
   * inflated by waiting for a core on a loaded machine.
   */
  cpuMs: number;
}

/** Options for `runMeasured`. */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  intervalMs?: number;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Children of a process: each thread keeps its own list, so all threads are read. */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const t of tasks) {
    const list = read(`/proc/${pid}/task/${t}/children`);
    if (list) for (const c of list.trim().split(/\s+/)) if (c) out.push(Number(c));
  }
  return out;
}

function descendants(root: number): number[] {
  const out: number[] = [];
  const stack = childrenOf(root);
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...childrenOf(pid));
  }
  return out;
}

function rssKb(pid: number): number {
  const statm = read(`/proc/${pid}/statm`);
  return statm ? Number(statm.split(' ')[1]) * PAGE_KB : 0;
}

function pssKb(pid: number): number {
  const m = /^Pss:\s+(\d+) kB/m.exec(read(`/proc/${pid}/smaps_rollup`) ?? '');
  return m ? Number(m[1]) : 0;
}

function hwmKb(pid: number): number | undefined {
  const m = /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? '');
  return m ? Number(m[1]) : undefined;
}

const TICK_MS = 10; // 1000 / getconf CLK_TCK (100 on Linux)

/** A process's own CPU time so far (utime + stime), in ms; its reaped children's are left out, since they are sampled themselves. */
function cpuMsOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The fields after the command name, which may hold spaces and parentheses: state is the first, utime the 12th, stime the 13th.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

function cmdline(pid: number): string[] | undefined {
  const raw = read(`/proc/${pid}/cmdline`);
  return raw ? raw.split('\0').filter(Boolean) : undefined;
}

/** Spawns `cmd args` and measures it until it exits (or is killed at the timeout). */
export function runMeasured(cmd: string, args: string[], o: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid === undefined) return reject(new Error(`cannot start ${cmd}`));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    let nodePeakKb = 0;
    let treePeakKb = 0;
    let treePssPeakKb = 0;
    let samples = 0;
    let sampling = 0;
    let browserArgs: string[] | undefined;
    let timedOut = false;
    const cpu = new Map<number, number>();
    const sample = () => {
      const t0 = performance.now();
      nodePeakKb = Math.max(nodePeakKb, hwmKb(pid) ?? 0);
      const tree = descendants(pid);
      for (const p of [pid, ...tree]) {
        const ms = cpuMsOf(p);
        if (ms !== undefined) cpu.set(p, ms);
      }
      treePeakKb = Math.max(treePeakKb, tree.reduce((n, d) => n + rssKb(d), 0));
      // smaps_rollup walks each process's page tables: ~25 ms for a Chromium tree on a busy
      // 2-core machine, so PSS is read every PSS_EVERY-th sample only, to keep the sampler light.
      if (samples % PSS_EVERY === 0) treePssPeakKb = Math.max(treePssPeakKb, tree.reduce((n, d) => n + pssKb(d), 0));
      if (!browserArgs) {
        // The browser is a direct child (the /usr/bin/chromium wrapper script execs it in place).
        for (const c of childrenOf(pid).map(cmdline)) if (c && /chrom/i.test(c[0] ?? '') && !/crashpad/.test(c[0]!)) browserArgs = c;
      }
      samples++;
      sampling += performance.now() - t0;
    };
    const timer = setInterval(sample, o.intervalMs ?? 50);
    const killer = o.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          // The child was started in its own process group: end it and its browser together.
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, o.timeoutMs)
      : undefined;
    active.add(pid);
    let ms = 0;
    child.on('error', reject);
    child.on('exit', () => {
      ms = performance.now() - start;
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      active.delete(pid);
    });
    // 'close' comes after 'exit', once the output pipes are drained.
    child.on('close', (code, signal) => resolve({ ms, code, signal, timedOut, stdout, stderr, nodePeakKb, treePeakKb, treePssPeakKb, sampleMs: samples ? sampling / samples : 0, browserArgs, cpuMs: [...cpu.values()].reduce((a, b) => a + b, 0) }));
  });
}

const active = new Set<number>();

/** Ends every measured child still running, with its browser (when the benchmark is interrupted). */
export function killActive(): void {
  for (const pid of active) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
