/**
 * A notebook of the project that installs libraries and then runs one of the project's scripts from a shell command
 * (`%pip install "trl==0.8.6"` in one cell, `!torchrun --nproc_per_node=4 ./scripts/run_fsdp_qlora.py` in a later one:
 * philschmid's FSDP-QLoRA notebook): the run has what the cells before it installed, as a shell script's run has
 * (`setup-launches.ts`). Only installs that run count: not a commented one, not one in a string, not one under an `if`
 * or in a function (an indented command may not run); only a run at the start of a cell's line (not indented) counts.
 * The script is named from the notebook's folder (IPython runs `!` commands there), after a literal `cd` in the same
 * command; after a `%cd` or `os.chdir` on an earlier line nothing is read (the folder is the notebook's own text, often
 * a Drive folder).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageVersion, VersionOrigin } from './versions';
import { pinsFromScript } from './script-installs';
import { shellCommands } from './setup-commands';
import { ShellScope } from './shell-variables';
import { fromEnvironment } from './setup-files';
import { ScriptDocument } from '../syntax/script-document';

/** A notebook larger than this is not read for launches (its outputs are most of it). */
export const MAX_NOTEBOOK_LAUNCH_BYTES = 4 * 1024 * 1024;

/**
 * What one folder's notebooks may cost to read, in all: the read is on the first lint's path (once per folder), and a
 * course folder of notebooks with saved outputs holds hundreds of megabytes (60 notebooks of 3 MB: +240 ms). The
 * smallest are read first: a notebook that installs and launches a script is mostly commands, not outputs.
 */
export const NOTEBOOK_LAUNCH_FOLDER_BYTES = 16 * 1024 * 1024;

/** What one notebook's installs give a script it runs: the script's path as written, from the notebook's folder. */
export interface NotebookLaunch { script: string; cwd?: string; pins: ReadonlyMap<string, PackageVersion>; file: string }

/** A command that runs a Python file (`python x.py`, `torchrun … x.py`, `accelerate launch x.py`, `deepspeed x.py`). */
const LAUNCHER = /(?:python3?|torchrun|accelerate\s+launch|deepspeed)\b[^\n"]*\.py\b/;

/** The launches of the notebooks in `dir` (`names`: its entries). */
export function notebookLaunches(dir: string, names: readonly string[], display: (p: string) => string): NotebookLaunch[] {
  const out: NotebookLaunch[] = [];
  let budget = NOTEBOOK_LAUNCH_FOLDER_BYTES;
  for (const { path, size } of bySize(dir, names)) {
    if (size > MAX_NOTEBOOK_LAUNCH_BYTES || size > budget) break;
    budget -= size;
    // Read here, not through `disk.text`: the CLI's memo lives for the whole run and would keep every notebook's text;
    // what is kept is the launches, once per folder (`setup-launches.ts`).
    const raw = readText(path);
    if (!raw || !/pip3?\s+install/.test(raw) || !LAUNCHER.test(raw)) continue;
    let doc: ScriptDocument;
    try { doc = ScriptDocument.fromNotebook(path, ScriptDocument.parseNotebookJson(raw)); } catch { continue; }
    out.push(...launchesOf(doc, display(path)));
  }
  return out;
}

/** The folder's notebooks, smallest first (then by name). */
function bySize(dir: string, names: readonly string[]): Array<{ path: string; size: number }> {
  const out: Array<{ path: string; size: number; name: string }> = [];
  for (const name of names) {
    if (!name.endsWith('.ipynb')) continue;
    const path = join(dir, name);
    try { out.push({ path, name, size: statSync(path).size }); } catch { /* gone or unreadable */ }
  }
  return out.sort((a, b) => a.size - b.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function readText(path: string): string | undefined {
  try { return readFileSync(path, 'utf8'); } catch { return undefined; }
}

function launchesOf(doc: ScriptDocument, file: string): NotebookLaunch[] {
  const out: NotebookLaunch[] = [];
  const lines = doc.text.split('\n');
  // A `%cd` (or `os.chdir`) before the run moves where the script path is read from, to a folder the notebook names
  // (often `/content/drive/…`): the run names no script of this project that the text proves. `!cd x` alone changes
  // nothing in IPython but is joined like `%cd x`: it counts too (a missed launch, never a wrong one).
  const firstCd = lines.findIndex((l, i) => /^[ \t]*0#\s*(?:cd|pushd|popd)\b/.test(l) || (doc.isCommentedCommand(i) && /^#\s*(?:cd|pushd|popd)\b/.test(l)) || /\bos\s*\.\s*chdir\s*\(/.test(l));
  lines.forEach((line, i) => {
    if (firstCd >= 0 && firstCd < i) return;
    // `!cmd` and `%magic` lines are joined as `0#cmd` (`script-document.ts`); a `%%bash` cell's lines as `#cmd`.
    const command = /^0#(.*)$/.exec(line)?.[1] ?? (doc.isCommentedCommand(i) && !/^#\s/.test(line) ? line.slice(1) : undefined);
    if (command === undefined || !LAUNCHER.test(command)) return;
    const runs = shellCommands([{ text: command, line: i }], new ShellScope(fromEnvironment)).filter((c) => c.run && !c.conditional);
    if (!runs.length) return;
    const pins = installsBefore(doc, lines, i, file);
    if (!pins.size) return;
    for (const c of runs) out.push({ script: c.run!.script, ...(c.run!.cwd ? { cwd: c.run!.cwd } : {}), pins, file });
  });
  return out;
}

/** What the installs that run on the notebook's lines before `end` give each library, each saying it is of `file`. */
function installsBefore(doc: ScriptDocument, lines: readonly string[], end: number, file: string): Map<string, PackageVersion> {
  // An indented command (under an `if`, in a function) may not run: left out, as a shell script's conditional install is.
  const text = lines.slice(0, end).map((l) => (/^[ \t]+0#/.test(l) ? '' : l)).join('\n');
  const env = pinsFromScript(text, { lineLabel: (l) => doc.lineLabel(l), notebook: true, commentedCommand: (l) => doc.isCommentedCommand(l) });
  const out = new Map<string, PackageVersion>();
  for (const [k, pv] of env.entries()) {
    // An install in a comment or a string is asked of the reader: it is not what the run has.
    if (!(pv.alternatives ?? [pv]).every((a) => a.scriptRequirement !== undefined)) continue;
    out.set(k, ofFile(pv, file));
  }
  return out;
}

function ofFile(pv: PackageVersion, file: string): PackageVersion {
  const origin = pv.origin && (pv.origin.kind === 'pip-line' || pv.origin.kind === 'newest') ? { ...pv.origin, file } as VersionOrigin : pv.origin;
  return { ...pv, ...(origin ? { origin } : {}), ...(pv.alternatives ? { alternatives: pv.alternatives.map((a) => ofFile(a, file)) } : {}) };
}
