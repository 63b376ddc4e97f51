/**
 * The command lines a project's shell scripts run its Python scripts with (`python train.py --model_name
 * Qwen/Qwen2.5-0.5B`, `accelerate launch --config_file a.yaml train.py --config c.yaml`): which flags each run passes.
 * A value a script holds by its argparse default is what runs only when no such run passes the flag; a rule that rests
 * on the default asks here (`passesFlag`). Read with the folder's other setup files (`setup-locations.ts`), shell
 * scripts only, whether or not they install anything; nothing is run.
 */
import { dirname, resolve, sep } from 'node:path';
import type { DiskMemo } from './disk-memo';
import { shellCommands, shellLines } from './setup-commands';
import { fromEnvironment } from './setup-files';
import { MAX_SETUP_BYTES, setupFilesOf } from './setup-locations';
import { ShellScope } from './shell-variables';
import { launchProcesses } from './launch-processes';

/** One run of a script by a shell script of the project. */
export interface LaunchedRun {
  /** The shell script, as displayed. */
  file: string;
  /** 0-based line of the run. */
  line: number;
  /** The words after the script's path. */
  args: readonly string[];
  /** The processes the launch starts, when its words prove it (`launch-processes.ts`). */
  processes?: number;
}

/** The runs of each script (by absolute path) in a folder's and its parents' shell scripts. */
export type LaunchedRuns = ReadonlyMap<string, LaunchedRun[]>;

/** The shell scripts of `dirs` (the script's folder and its parents) and the scripts they run, with their arguments. */
export function findLaunchedRuns(dirs: readonly string[], disk: DiskMemo, display: (p: string) => string): LaunchedRuns {
  const out = new Map<string, LaunchedRun[]>();
  for (const dir of dirs) {
    for (const [t, runs] of folderRuns(dir, disk, display)) {
      const list = out.get(t) ?? [];
      for (const r of runs) if (!list.some((x) => x.file === r.file && x.line === r.line)) list.push(r);
      out.set(t, list);
    }
  }
  return out;
}

/** What the shell scripts of one folder run (read once per folder and run: every script below asks). */
function folderRuns(dir: string, disk: DiskMemo, display: (p: string) => string): LaunchedRuns {
  const key = `${display(dir)}\0${dir}`;
  const known = disk.launchedRuns.get(key);
  if (known) return known;
  const out = new Map<string, LaunchedRun[]>();
  disk.launchedRuns.set(key, out);
  const names = disk.list(dir);
  if (names) {
    for (const s of setupFilesOf(dir, names, disk)) {
      if (s.kind !== 'shell') continue;
      const text = disk.text(s.path, MAX_SETUP_BYTES);
      if (!text || !/\.py\b/.test(text)) continue;
      const file = display(s.path);
      for (const c of shellCommands(shellLines(text), new ShellScope(fromEnvironment))) {
        if (!c.run?.args) continue;
        const run = c.run;
        const processes = run.launcher ? launchProcesses(run.launcher, run.options ?? [], (p) => {
          for (const base of new Set([dirname(s.path), dir])) {
            // Only a file of the folder being read (inside the workspace): not an absolute path or one above it.
            const full = resolve(base, run.cwd ?? '.', p);
            const text = full.startsWith(dir + sep) ? disk.text(full, MAX_SETUP_BYTES) : undefined;
            if (text) return text;
          }
          return undefined;
        }) : undefined;
        // The run names the script from the folder it starts in, which the text does not say (`setup-launches.ts`).
        for (const t of new Set([dirname(s.path), dir].map((base) => resolve(base, c.run!.cwd ?? '.', c.run!.script)))) {
          const list = out.get(t) ?? [];
          if (!list.some((r) => r.file === file && r.line === c.line)) list.push({ file, line: c.line, args: run.args!, ...(processes ? { processes } : {}) });
          out.set(t, list);
        }
      }
    }
  }
  return out;
}

/**
 * The run that may pass `flag` (`--model_name`, declared so by the script): one that passes it (`--model_name x`,
 * `--model_name=x`, or a prefix argparse takes for it, `--model`), a short option (`-m`: which long flag it stands for is
 * not read here), or arguments the text does not show (`"$@"`, `$ARGS`).
 */
export function runPassingFlag(runs: readonly LaunchedRun[] | undefined, flag: string): LaunchedRun | undefined {
  return runs?.find((r) => r.args.some((a) => {
    if (/[$`]/.test(a)) return true;
    if (!a.startsWith('-') || /^-\d/.test(a)) return false;
    if (!a.startsWith('--')) return true;
    const name = a.split('=')[0];
    return name === flag || (name.length > 2 && flag.startsWith(name));
  }));
}

/** What one run passes for a boolean flag: `true`/`false`, or `undefined` when it may pass it but the text does not show the value. */
export interface RunBoolFlag { run: LaunchedRun; value: boolean | undefined }

/**
 * The runs that may pass the boolean field `flag` of an `HfArgumentParser` dataclass (`TrlParser` is one), with the value
 * each gives it. transformers `hf_argparser.py` (v4.57.0, v5.15.0): a `bool` field takes an optional value read by
 * `string_to_bool` (`--use_peft` alone is True, `--use_peft false` False), and one that defaults to True also gets
 * `--no_<field>` (`store_false`). The last word that sets it wins, as in argparse; a word the text does not show (`"$@"`)
 * or a short option leaves the value unknown.
 */
export function boolFlagInRuns(runs: readonly LaunchedRun[] | undefined, flag: string): RunBoolFlag[] {
  const out: RunBoolFlag[] = [];
  const negated = `--no_${flag.replace(/^--/, '')}`;
  for (const run of runs ?? []) {
    let passed = false;
    let value: boolean | undefined;
    run.args.forEach((a, i) => {
      if (/[$`]/.test(a) || (a.startsWith('-') && !a.startsWith('--') && !/^-\d/.test(a))) { passed = true; value = undefined; return; }
      if (!a.startsWith('--')) return;
      const [name, inline] = [a.split('=')[0], a.includes('=') ? a.slice(a.indexOf('=') + 1) : undefined];
      if (name === negated) { passed = true; value = false; return; }
      if (name !== flag && !(name.length > 2 && flag.startsWith(name))) return;
      passed = true;
      const next = run.args[i + 1];
      const word = inline ?? (next !== undefined && !next.startsWith('-') ? next : undefined);
      value = word === undefined ? true : stringToBool(word);
    });
    if (passed) out.push({ run, value });
  }
  return out;
}

/** transformers' `string_to_bool`; undefined for a word it refuses or one the text does not show. */
function stringToBool(word: string): boolean | undefined {
  const w = word.replace(/^["']|["']$/g, '').toLowerCase();
  if (['yes', 'true', 't', 'y', '1'].includes(w)) return true;
  if (['no', 'false', 'f', 'n', '0'].includes(w)) return false;
  return undefined;
}

/** A run that names a config file the script's parser may read (`--config c.yaml`, a `.yaml`/`.json` word): values it sets are not read here. */
export function runNamesConfigFile(run: LaunchedRun): boolean {
  return run.args.some((a) => /[$`]/.test(a) || /^--config\b/.test(a) || /\.(ya?ml|json)["']?$/i.test(a));
}

/** How a finding names a run: `train.sh` line 3. */
export function runLabel(run: LaunchedRun): string {
  return `\`${run.file}\` line ${run.line + 1}`;
}
