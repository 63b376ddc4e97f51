/**
 * Versions a script or notebook installs itself: `pip install` lines (`!pip`, `%pip`, `uv pip`,
 * `python -m pip`, in comments too), a PEP 723 `# /// script` block and the exact pins of a Modal image's `pip_install(…)`. An exact pin is that version
 * ("from `pip install` on line 3"); an unpinned install, a direct git reference or an open specifier means
 * the newest release at run time: trainlint's table of newest known releases (`latest-known.ts`), said in
 * messages. Different exact pins of one package (Colab / local branches) are alternatives.
 */
import { parse as parseToml } from 'smol-toml';
import { LATEST_KNOWN, gitInstallIsNewest } from './latest-known';
import { satisfiesSpecifier } from './pep440';
import { exactPin, parseRequirement, releaseTagPin, type Requirement } from './requirements';
import { Environment, normalizePackageName, type PackageVersion } from './versions';
import { modalImagePins } from './modal-image';
import { boundByNewestRequirements, boundByUnsloth, resolveTrlWithTransformers } from './install-bounds';
import { tripleQuotedLines } from '../syntax/python-strings';

export interface ScriptInstallOptions {
  /** "line 3" or "cell 2, line 1" for a 0-based line of the text. */
  lineLabel?: (line: number) => string;
  notebook?: boolean;
  /**
   * A 0-based line that is a shell command trainlint commented out with a `#` in front (`ScriptDocument.isCommentedCommand`:
   * a `%%bash` cell's lines, `pip install x` alone in a cell): it runs, it is no comment of the author's.
   */
  commentedCommand?: (line: number) => boolean;
}

/**
 * `block`: from a PEP 723 `# /// script` block rather than a `pip install` line; `comment`: a commented install line;
 * `noDeps`: the command has `--no-deps` (pip resolves no requirements of what it installs).
 */
export interface Found {
  req: Requirement;
  /** The script's line (for messages). */
  line: number;
  /** Which command of the script, in order (a line of `get_ipython().run_cell_magic(…)` holds several). */
  cmd: number;
  how?: string; block?: boolean; comment?: boolean; inString?: boolean; noDeps?: boolean; indented?: boolean;
  /** The command has `-U` / `--upgrade` (alone or in a cluster such as `-qU`): pip replaces an installed older release. */
  upgrade?: boolean;
  /** The source text of the variables the requirement was written with (a Dockerfile's `ARG`, `setup-files.ts`). */
  via?: string;
}

const PIP = /(?:^|[\s!%#;&|(`'"])(?:uv\s+)?(?:python3?(?:\.\d+)?\s+-m\s+)?pip3?\s+install\s+(.*)$/;
/** Options that take the next word as their value. */
const VALUED = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url',
  '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--python', '-p', '--src', '--upgrade-strategy', '--platform',
  '--python-version', '--implementation', '--abi', '--only-binary', '--no-binary', '--index-strategy', '--torch-backend']);

/** Shell-like words of an install command, up to a comment or a command separator. */
function words(args: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of args.matchAll(re)) {
    const w = m[1] ?? m[2] ?? m[3];
    if (m[3] && (/^(#|&&|\|\|?|;|\)|>)/.test(m[3]))) break;
    out.push(w);
  }
  return out;
}

/** `git+https://github.com/unslothai/unsloth-zoo.git@main` → unsloth-zoo (the repository's name). */
function nameFromUrl(url: string): string | undefined {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(url);
  if (egg) return egg[1];
  if (!/^git\+|^https?:\/\//.test(url)) return undefined;
  const m = /\/([A-Za-z0-9._-]+?)(?:\.git)?(?:@[^/]*)?\/?$/.exec(url.replace(/[#?].*$/, ''));
  return m?.[1];
}

/** `-U`, `--upgrade`, or a cluster of short flags that holds `U` (`-qU`, `-Uq`). */
const UPGRADE = /^(?:--upgrade|-[a-zA-Z]*U[a-zA-Z]*)$/;

/** What one install command asks for: its requirements, the files it installs with `-r`, and its flags. */
export interface InstallCommand {
  reqs: Array<{ req: Requirement; how?: string; word?: string }>;
  /** `-r FILE` / `--requirement FILE` / `--requirement=FILE`, as written. */
  files: string[];
  noDeps: boolean;
  upgrade: boolean;
}

/** The install command a line holds (`pip install …`, `uv pip install …`, `python -m pip install …`), or undefined. */
export function installCommand(text: string): InstallCommand | undefined {
  const m = PIP.exec(text);
  if (!m) return undefined;
  const cmd: InstallCommand = { reqs: [], files: [], noDeps: false, upgrade: false };
  const ws = words(m[1]);
  cmd.noDeps = ws.includes('--no-deps');
  cmd.upgrade = ws.some((w) => UPGRADE.test(w));
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    const file = /^(?:-r|--requirement)(?:=(.+))?$/.exec(w) ?? /^-r(\S+)$/.exec(w);
    if (file) { const f = file[1] ?? ws[++i]; if (f !== undefined) cmd.files.push(f); continue; }
    if (w.startsWith('-')) { if (VALUED.has(w)) i++; continue; }
    if (/[{}$]/.test(w) || w === '.' || w.startsWith('./') || w.startsWith('/')) continue;
    const tagged = releaseTagPin(w);
    if (tagged) { cmd.reqs.push({ req: { name: tagged.name, extras: [], specifier: `==${tagged.version}` }, word: w }); continue; }
    const url = nameFromUrl(w);
    if (url) { cmd.reqs.push({ req: { name: url, extras: [], url: w }, how: 'from git', word: w }); continue; }
    const req = parseRequirement(w);
    if (req) cmd.reqs.push({ req, how: req.url ? 'from git' : undefined, word: w });
  }
  return cmd;
}

function installsOnLine(text: string): Array<{ req: Requirement; how?: string; noDeps?: boolean; upgrade?: boolean }> {
  const cmd = installCommand(text);
  if (!cmd) return [];
  return cmd.reqs.map(({ word: _w, ...f }) => ({ ...f, ...(cmd.noDeps ? { noDeps: true } : {}), ...(cmd.upgrade ? { upgrade: true } : {}) }));
}

/** One line of shell or IPython the script runs, with where it is written. */
interface CommandLine { text: string; line: number; comment: boolean; indented: boolean }

/**
 * The script's lines as commands: a line of a script exported by nbconvert that calls IPython
 * (`get_ipython().system('pip install trl==0.22.2')`, `get_ipython().run_line_magic('pip', 'install trl')`,
 * `get_ipython().run_cell_magic('capture', '', '!pip install unsloth\\n!pip install trl==0.22.2\\n')`, commented or
 * not) is the command or cell it runs, one line of it per line of the cell.
 */
function commandLines(lines: readonly string[], commentedCommand?: (line: number) => boolean): CommandLine[] {
  const out: CommandLine[] = [];
  lines.forEach((joined, i) => {
    // A line of a `%%bash` cell is joined as `#pip install …`: the author's own text is the line without that `#`
    // (`!pip install …` is joined as `0#pip install …`, no comment either; a `%%writefile` cell's text stays a comment).
    const line = commentedCommand?.(i) ? joined.slice(1) : joined;
    // A Databricks notebook's source keeps its magic cells as `# MAGIC %pip install …`: those run, they are no comment.
    const comment = /^\s*#/.test(line) && !/^\s*#\s*MAGIC\b/.test(line);
    const expanded = line.includes('get_ipython()') ? ipythonCommand(line) : undefined;
    if (!expanded) { out.push({ text: line, line: i, comment, indented: /^\s/.test(line) }); return; }
    // `#     get_ipython().system(…)`: nbconvert's line under an `if`, commented out.
    const outer = /^\s/.test(comment ? line.replace(/^\s*#[ ]?/, '') : line);
    for (const text of expanded) out.push({ text, line: i, comment, indented: outer || /^\s/.test(text) });
  });
  return out;
}

const IPYTHON_CALL = /get_ipython\(\)\s*\.\s*(system|getoutput|run_line_magic|run_cell_magic)\s*\(/;

/** What an nbconvert `get_ipython()` call runs, as lines (`!pip install …`, `%pip install …`, a cell's lines). */
function ipythonCommand(line: string): string[] | undefined {
  const m = IPYTHON_CALL.exec(line);
  if (!m) return undefined;
  const args = stringArguments(line, m.index + m[0].length);
  if (m[1] === 'system' || m[1] === 'getoutput') return args.length >= 1 ? [`!${args[0]}`] : undefined;
  if (m[1] === 'run_line_magic') return args.length >= 2 ? [`%${args[0]} ${args[1]}`] : undefined;
  return args.length >= 3 ? args[2].split(/\r\n|\r|\n/) : undefined;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** The plain string literals (`'…'`, `"…"`, escapes decoded) that open a call's arguments at `pos`, up to the first other argument. */
function stringArguments(text: string, pos: number): string[] {
  const out: string[] = [];
  let i = pos;
  for (;;) {
    while (text[i] === ' ') i++;
    const q = text[i];
    if (q !== "'" && q !== '"') return out;
    let value = '';
    for (i++; i < text.length && text[i] !== q; i++) {
      if (text[i] !== '\\') { value += text[i]; continue; }
      const e = text[++i];
      value += ESCAPES[e] ?? `\\${e ?? ''}`;
    }
    if (i >= text.length) return out;
    out.push(value);
    i++;
    while (text[i] === ' ') i++;
    if (text[i] !== ',') return out;
    i++;
  }
}

/** PEP 723 inline metadata: `# /// script` … `# ///`. */
function scriptBlock(lines: string[]): Found[] {
  const start = lines.findIndex((l) => /^# \/\/\/ script\s*$/.test(l));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^# \/\/\/\s*$/.test(l));
  if (end < 0) return [];
  let doc: { dependencies?: unknown };
  try { doc = parseToml(lines.slice(start + 1, end).map((l) => l.replace(/^# ?/, '')).join('\n')) as typeof doc; } catch { return []; }
  const out: Found[] = [];
  for (const d of Array.isArray(doc.dependencies) ? doc.dependencies : []) {
    const req = typeof d === 'string' ? parseRequirement(d) : undefined;
    if (req) out.push({ req, line: start, cmd: -1, how: 'unpinned in its `# /// script` dependencies', block: true });
  }
  return out;
}

/** Calls that run a command line: `os.system("pip install …")`, `subprocess.run(…)`, IPython's `getoutput`. */
const RUNS_COMMAND = /\b(?:os\.system|os\.popen|subprocess\.\w+|check_call|check_output|call|Popen|getoutput|system)\s*\(/;

/**
 * A Python line (not a shell or magic line, not a comment) whose `pip install` sits inside a string literal that no call
 * on the line runs: a message or a log line, not an install.
 */
function messageOnly(line: string): boolean {
  if (/^\s*[!%#]/.test(line)) return false;
  const at = line.search(/pip3?\s+install/);
  let quote = '';
  for (let i = 0; i < at; i++) {
    const c = line[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = ''; }
    else if (c === '"' || c === "'") quote = c;
  }
  return quote !== '' && !RUNS_COMMAND.test(line);
}

export function pinsFromScript(text: string, opts: ScriptInstallOptions = {}): Environment {
  if (!/pip3?\s+install|\/\/\/ script|pip_install\s*\(/.test(text)) return new Environment();
  const lines = text.split(/\r\n|\r|\n/);
  const found: Found[] = [...scriptBlock(lines)];
  let acc = '', accStart = 0, accCmd = 0, comment = false, inString = false, indented = false;
  const commands = commandLines(lines, opts.commentedCommand);
  // A line inside a docstring or another triple-quoted string is text, as a comment is, unless a call on the line that
  // opens the string runs it (`subprocess.run("""…""", shell=True)`).
  const strings = /"""|'''/.test(text) ? tripleQuotedLines(lines, opts.commentedCommand) : undefined;
  const inText = (i: number) => { const o = strings?.get(i); return o !== undefined && !RUNS_COMMAND.test(lines[o]); };
  commands.forEach(({ text: line, line: i, comment: lineComment, indented: lineIndented }, cmd) => {
    if (!acc) { accStart = i; accCmd = cmd; inString = !lineComment && inText(i); comment = lineComment || inString; indented = lineIndented; }
    if (/\\\s*$/.test(line)) { acc += line.replace(/\\\s*$/, ' ').replace(/^\s*#/, ''); return; }
    const full = acc + (acc ? line.replace(/^\s*#/, '') : line);
    acc = '';
    if (!/pip3?\s+install/.test(full)) return;
    // Python that only says the words (`raise ImportError("… pip install -U transformers")`, `print(…)`) installs nothing.
    if (!comment && messageOnly(full)) return;
    // A commented install (`# pip install trl peft`) is the setup the script asks of its reader: it counts, and messages say where.
    for (const f of installsOnLine(full)) found.push({ ...f, line: accStart, cmd: accCmd, comment, ...(inString ? { inString } : {}), indented });
  });
  return resolveInstalls(found, opts, modalImagePins(text));
}

/**
 * The versions a setup's installs give, in order (`found`: a script's `pip install` lines and PEP 723 block, or a
 * project's Dockerfile or shell script, `setup-files.ts`), with a Modal image's exact pins (`modal`).
 */
export function resolveInstalls(found: readonly Found[], opts: ScriptInstallOptions & { file?: string } = {}, modal: ReadonlyArray<{ req: Requirement; line: number }> = []): Environment {
  const label = opts.lineLabel ?? ((l: number) => `line ${l + 1}`);
  const exact = new Map<string, PackageVersion[]>();
  const open = new Map<string, PackageVersion>();
  // Libraries an unpinned `pip install -U` that runs (not in a comment, not from git) upgrades to the newest release.
  const upgraded = new Map<string, Found>();
  for (const f of found) {
    const key = normalizePackageName(f.req.name);
    if (f.upgrade && !f.comment && !f.block && !f.req.url && !exactPin(f.req.specifier) && !upgraded.has(key)) upgraded.set(key, f);
  }
  // Libraries a fork, a branch or a commit installs (the first such command): a plain install of the same library later
  // finds it installed and leaves it ("Requirement already satisfied"), and one before it is replaced by it; only a later
  // `-U` replaces it (saiful9379/Bangla_LLAMA `Bangla_llama_Lora_finetune_final.ipynb`: `git+https://github.com/zphang/
  // transformers@c3dc391`, then `pip install transformers`).
  const fromUrl = new Map<string, number>();
  // Libraries with an exact pin in a comment (`#!pip install trl==0.13.0`), and with one in a command that runs.
  const commentedPins = new Set<string>();
  const runningPins = new Set<string>();
  for (const f of found) {
    const key = normalizePackageName(f.req.name);
    const latest = LATEST_KNOWN[key];
    if (f.req.url && !(latest && gitInstallIsNewest(f.req.url, latest)) && !fromUrl.has(key)) fromUrl.set(key, f.cmd);
  }
  for (const f of found) {
    const key = normalizePackageName(f.req.name);
    const where = f.comment ? `${label(f.line)}, in ${f.inString ? 'a string' : 'a comment'}` : label(f.line);
    const pin = f.req.url ? undefined : exactPin(f.req.specifier);
    // What an install that runs (not one in a comment) asks pip for: a project's version outside it gives way (`withFallback`).
    const runs = f.comment || f.req.url ? {} : { scriptRequirement: f.req.specifier ?? '' };
    if (pin) {
      (f.comment ? commentedPins : runningPins).add(key);
      const list = exact.get(key) ?? [];
      if (!list.some((p) => p.version === pin)) list.push({ version: pin, source: where, origin: { kind: 'pip-line', where, block: f.block, ...(opts.file ? { file: opts.file } : {}), ...(f.via ? { via: f.via } : {}) }, ...runs });
      exact.set(key, list);
      continue;
    }
    const latest = LATEST_KNOWN[key];
    // A fork, another branch or a commit says nothing about the version.
    if (f.req.url && !(latest && gitInstallIsNewest(f.req.url, latest))) continue;
    const spec = f.req.url ? undefined : f.req.specifier;
    const urlCmd = fromUrl.get(key);
    const keptByUrl = urlCmd !== undefined && !(f.upgrade && f.cmd > urlCmd);
    let pv: PackageVersion;
    if (keptByUrl && !spec) continue;
    if (!keptByUrl && latest && (!spec || satisfiesSpecifier(latest.version, spec))) {
      const how = spec ? `as \`${f.req.name}${spec}\`` : f.how ?? 'unpinned';
      pv = { version: latest.version, source: where, origin: { kind: 'newest', where, asOf: latest.asOf, notebook: !!opts.notebook, how, ...(f.comment ? { unrun: true } : {}), ...(opts.file ? { file: opts.file } : {}), ...(f.via ? { via: f.via } : {}) }, ...runs };
    } else if (spec) {
      pv = { specifier: spec, source: where, origin: { kind: 'pip-line', where, block: f.block, ...(opts.file ? { file: opts.file } : {}), ...(f.via ? { via: f.via } : {}) }, ...runs };
    } else continue;
    // An open install of the newest release says more than one with a specifier only.
    const prev = open.get(key);
    if (!prev || (prev.version === undefined && pv.version !== undefined)) open.set(key, pv);
  }
  // A Modal image's exact pins: the image its functions run in (kept out of `found`, which is about `pip install` commands).
  for (const { req, line } of modal) {
    const key = normalizePackageName(req.name);
    const pin = exactPin(req.specifier)!;
    const where = label(line);
    const list = exact.get(key) ?? [];
    if (!list.some((p) => p.version === pin)) list.push({ version: pin, source: where, origin: { kind: 'pip-line', where, image: true } });
    exact.set(key, list);
    runningPins.add(key);
  }
  resolveTrlWithTransformers(found, open, exact, !!opts.notebook);
  boundByUnsloth(found, open, exact);
  boundByNewestRequirements(found, open, exact);
  for (const [key, f] of upgraded) {
    const pv = open.get(key);
    if (pv?.origin?.kind !== 'newest' || !pv.version || pv.scriptRequirement === undefined) continue;
    // Messages name the upgrading command, not an earlier plain install of the library.
    const where = label(f.line);
    open.set(key, { ...pv, source: where, origin: { ...pv.origin, where }, scriptUpgrade: true });
  }
  const pins = new Map<string, PackageVersion>(open);
  for (const [k, list] of exact) {
    const running = open.get(k);
    // A pin only in a comment against an install of the same library that runs (smruthi-sreenivas/customer-support-lora-
    // llama-3-2-3b-instruct: `#!pip install … trl==0.13.0 …`, then `pip install peft trl`): the reader may have run
    // either, so the version is one of the two, and a finding needs both to agree (`gateVersion`).
    if (commentedPins.has(k) && !runningPins.has(k) && running?.scriptRequirement !== undefined && !running.alternatives) {
      const all = [...list, running];
      pins.set(k, { ...list[0], alternatives: all, alternativesWhy: `whether the commented install (${list[0].source}) or the one that runs (${running.source}) made the environment` });
      continue;
    }
    pins.set(k, list.length === 1 ? list[0] : { ...list[0], alternatives: list });
  }
  return new Environment(pins);
}
