// What to watch so that config files are noticed even when they (or their folders) are created after start-up,
// without ever watching a folder recursively: each file is watched through its deepest existing ancestor folder,
// for the one name below it that leads to the file (the file itself, or the missing folder).
import * as path from 'node:path';

export interface WatchTarget {
  /** an existing folder */
  dir: string;
  /** single names directly inside it */
  names: string[];
  /** true when a name is a folder on the way to a config file (its creation or deletion means: discover again) */
  leadsToMissingFolder: boolean;
}

export async function watchPlan(files: readonly string[], isDir: (p: string) => Promise<boolean>): Promise<WatchTarget[]> {
  const byDir = new Map<string, { names: Set<string>; missing: boolean }>();
  const known = new Map<string, Promise<boolean>>();
  const cachedIsDir = (p: string) => {
    let r = known.get(p);
    if (!r) known.set(p, (r = isDir(p).catch(() => false)));
    return r;
  };
  const add = (dir: string, name: string, missing: boolean) => {
    const entry = byDir.get(dir) ?? { names: new Set<string>(), missing: false };
    entry.names.add(name);
    entry.missing ||= missing;
    byDir.set(dir, entry);
  };
  for (const file of files) {
    let dir = path.dirname(file);
    let name = path.basename(file);
    let missing = false;
    // climb to an existing folder; stop at the file-system root (never watched)
    while (!(await cachedIsDir(dir))) {
      const parent = path.dirname(dir);
      if (parent === dir) break;
      name = path.basename(dir);
      dir = parent;
      missing = true;
    }
    if (path.dirname(dir) === dir) continue;
    add(dir, name, missing);
    // the folder itself may be deleted (or re-created) as a whole: watch it from its parent too
    if (!missing && path.dirname(path.dirname(dir)) !== path.dirname(dir)) add(path.dirname(dir), path.basename(dir), true);
  }
  return [...byDir].map(([dir, e]) => ({ dir, names: [...e.names].sort(), leadsToMissingFolder: e.missing }));
}
