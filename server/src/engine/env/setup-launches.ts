/**
 * A shell script that installs and then runs a script of the project (`pip install trl==0.12.0 && python train.py`,
 * `accelerate launch train.py`, `torchrun … train.py`), or a Dockerfile whose image runs it (`CMD ["python",
 * "train.py"]`, `ENTRYPOINT`), or a notebook of the folder that installs and then runs it from a cell
 * (`notebook-launches.ts`): its installs before that run are what the run has, so for that
 * one script they rank above the folder's pin files. Elsewhere the shell script stays one setup of the folder among
 * others (`setup-files.ts`). The run names the script by a path from the folder it is started in, which the text does not
 * say: the shell script's own folder and the folder it is a setup of are tried (after a literal `cd`, from there).
 * Installs that may not run, and an unpinned install where the project pins the library (pip keeps what is installed),
 * change nothing here.
 */
import { basename, dirname, resolve } from 'node:path';
import type { DiskMemo } from './disk-memo';
import { Environment, type PackageVersion } from './versions';
import { commandPins, oneFact, setupCommandsAll } from './setup-files';
import { MAX_SETUP_BYTES, setupFilesOf, setupReadFile } from './setup-locations';
import { notebookLaunches } from './notebook-launches';
import type { LaunchedRuns } from './launch-flags';

/** What the installs of one shell script give a script it runs. */
export interface Launch { pins: ReadonlyMap<string, PackageVersion>; file: string }

/** The launches of a folder and its parents' setup files, by the absolute path of the script run. */
export type Launches = ReadonlyMap<string, Launch[]>;

/** The shell scripts of `dirs` (the script's folder and its parents) that run a Python script after installs. */
export function findLaunches(dirs: readonly string[], disk: DiskMemo, root: string, display: (p: string) => string): Launches {
  const out = new Map<string, Launch[]>();
  for (const dir of dirs) {
    for (const [t, launches] of folderLaunches(dir, disk, root, display)) {
      const list = out.get(t) ?? [];
      for (const l of launches) if (!list.some((x) => x.file === l.file)) list.push(l);
      out.set(t, list);
    }
  }
  return out;
}

/** What the shell scripts of one folder launch (read once per folder and run: every script below asks). */
function folderLaunches(dir: string, disk: DiskMemo, root: string, display: (p: string) => string): Launches {
  const key = `${root}\0${display(dir)}\0${dir}`;
  const known = disk.launches.get(key);
  if (known) return known;
  const out = new Map<string, Launch[]>();
  disk.launches.set(key, out);
  const names = disk.list(dir);
  if (!names) return out;
  for (const s of setupFilesOf(dir, names, disk)) {
    const text = disk.text(s.path, MAX_SETUP_BYTES);
    if (!text || !/\.py\b/.test(text)) continue;
    // A shell script runs after its installs; a Dockerfile's image runs its CMD/ENTRYPOINT (`dockerfile-run.ts`).
    if (s.kind === 'shell' ? !/pip3?\s+install/.test(text) : !/^\s*(?:CMD|ENTRYPOINT)\b/im.test(text)) continue;
    const cmds = setupCommandsAll(text, s.kind);
    const file = display(s.path);
    cmds.forEach((c, i) => {
      if (!c.run) return;
      const installs = cmds.slice(0, i).filter((x) => !x.run && !x.conditional);
      if (!installs.length) return;
      const facts = commandPins(installs, file, setupReadFile(s.path, dir, disk, root, display));
      const pins = new Map<string, PackageVersion>();
      for (const [k, f] of facts) if (!f.conditional) pins.set(k, f.pv);
      if (!pins.size) return;
      const targets = new Set([dirname(s.path), dir].map((base) => resolve(base, c.run!.cwd ?? '.', c.run!.script)));
      for (const t of targets) add(out, t, { pins, file });
    });
  }
  // A notebook of the folder that installs and then runs a script (`notebook-launches.ts`), from the notebook's folder.
  for (const l of notebookLaunches(dir, names, display)) add(out, resolve(dir, l.cwd ?? '.', l.script), { pins: l.pins, file: l.file });
  return out;
}

function add(out: Map<string, Launch[]>, target: string, launch: Launch): void {
  const list = out.get(target) ?? [];
  if (!list.some((l) => l.file === launch.file)) list.push(launch);
  out.set(target, list);
}

/**
 * The project's pins for `scriptPath` with the installs of the shell scripts that run it ranked above them: an exact pin
 * or a bound replaces the project's; an unpinned install (the newest release, as a notebook's own install) only where
 * the project says nothing. Two shell scripts that run it and disagree are alternatives, as is one that does not
 * install the library beside one that does (where the project pins nothing, that one leaves it unknown).
 */
export function launchedPins(project: ReadonlyMap<string, PackageVersion>, launches: Launches, scriptPath: string): ReadonlyMap<string, PackageVersion> {
  const list = launches.get(resolve(scriptPath));
  if (!list?.length) return project;
  const out = new Map(project);
  const libs = new Set(list.flatMap((l) => [...l.pins.keys()]));
  for (const k of libs) {
    const facts: PackageVersion[] = [];
    for (const l of list) {
      const pv = l.pins.get(k);
      const newest = pv && (pv.alternatives ?? [pv]).every((a) => a.origin?.kind === 'newest');
      const own = pv && !(newest && project.has(k)) ? pv : project.get(k);
      if (own) facts.push(own);
    }
    // A shell script that runs it without installing the library, where the project says nothing: unknown that way.
    if (facts.length < list.length) continue;
    const files = list.map((l) => l.file).join(', ');
    const pv = facts.length > 1 && facts.some((f) => f !== facts[0]) ? oneFact(facts, `which of the shell scripts that run ${basename(scriptPath)} runs it (${files})`) : facts[0];
    if (pv) out.set(k, pv);
  }
  return out;
}

/**
 * The environment for one script: the installed packages, then the project's pins with its launches ranked above; and
 * the command lines the project's shell scripts run it with (`launch-flags.ts`).
 */
export function environmentForScript(installed: Environment, project: ReadonlyMap<string, PackageVersion>, launches: Launches, scriptPath?: string, runs?: LaunchedRuns): Environment {
  const env = installed.withFallback(new Environment(scriptPath ? launchedPins(project, launches, scriptPath) : project));
  const own = scriptPath ? runs?.get(resolve(scriptPath)) : undefined;
  if (own?.length) env.launchedRuns = own;
  return env;
}
