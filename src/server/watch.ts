import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** A folder to watch, and the names in it that matter (every name when `names` is absent). */
export interface WatchTarget {
  dir: string;
  names?: string[];
}

/** Watches folders and calls back once per burst of changes. */
export interface DeckWatcher {
  /** Watches exactly these targets from now on (folders added, dropped or re-armed). */
  update(targets: WatchTarget[]): void;
  close(): void;
}

interface Watched {
  watcher: FSWatcher;
  /** The folder's inode: a folder deleted and made again needs a new watcher. */
  ino: number;
  names: Set<string> | undefined;
  dead: boolean;
}

/**
 * Watches folders, not files: editors save by writing a new file and renaming it over the
 * old one, which leaves a watcher on the old file's inode deaf, while the folder reports the
 * rename under the file's name. A missing folder is watched through its parent, so creating
 * it counts as a change. Events are debounced (`delayMs`) into one `onChange` call.
 */
export function watchFolders(onChange: () => void, delayMs = 100): DeckWatcher {
  const watched = new Map<string, Watched>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, delayMs);
  };
  const open = (dir: string, names: Set<string> | undefined): Watched | undefined => {
    try {
      const entry: Watched = { ino: statSync(dir).ino, names, dead: false, watcher: undefined as unknown as FSWatcher };
      entry.watcher = watch(dir, { persistent: true }, (_event, name) => {
        // Some platforms give no name; then any change may be ours.
        if (!entry.names || !name || entry.names.has(name.toString())) schedule();
      });
      entry.watcher.on('error', () => {
        // The folder went away (Linux reports it as an error on some kernels); the rebuild
        // that follows calls update(), which watches it again or its parent.
        entry.dead = true;
        entry.watcher.close();
        schedule();
      });
      return entry;
    } catch {
      return undefined;
    }
  };
  return {
    update(targets) {
      if (closed) return;
      const wanted = mergeTargets(targets);
      for (const [dir, w] of watched) {
        if (!wanted.has(dir) || w.dead || inode(dir) !== w.ino || !sameNames(w.names, wanted.get(dir))) {
          w.watcher.close();
          watched.delete(dir);
        }
      }
      for (const [dir, names] of wanted) {
        if (watched.has(dir)) continue;
        const w = open(dir, names);
        if (w) watched.set(dir, w);
      }
    },
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watched.values()) w.watcher.close();
      watched.clear();
    },
  };
}

/** Folds targets by folder (all names wins over some), replacing a missing folder by its parent. */
function mergeTargets(targets: WatchTarget[]): Map<string, Set<string> | undefined> {
  const out = new Map<string, Set<string> | undefined>();
  const add = (dir: string, names: string[] | undefined) => {
    if (out.has(dir) && out.get(dir) === undefined) return;
    if (!names) return void out.set(dir, undefined);
    out.set(dir, new Set([...(out.get(dir) ?? []), ...names]));
  };
  for (const t of targets) {
    if (existsSync(t.dir)) add(t.dir, t.names);
    else if (existsSync(dirname(t.dir))) add(dirname(t.dir), [basename(t.dir)]);
  }
  return out;
}

function inode(dir: string): number | undefined {
  return statSync(dir, { throwIfNoEntry: false })?.ino;
}

function sameNames(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (!a || !b) return a === b;
  return a.size === b.size && [...a].every((n) => b.has(n));
}
