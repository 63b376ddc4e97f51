/**
 * Where versions come from, in the order of RULES.md: the selected Python environment's
 * installed packages (`*.dist-info` under site-packages), then `setup.py` / `setup.cfg` (`install_requires`) /
 * `environment*.yml` / `Pipfile` / `requirements*.txt` / `pyproject.toml` / `poetry.lock` / `pdm.lock` / `uv.lock` /
 * `Pipfile.lock` pins (`manifests.ts` reads the formats that are not requirement lines), then `pip install pkg==X` lines in the
 * script itself. Reads only small files and directory listings; callers cache per folder.
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { DiskMemo } from './disk-memo';
import { Environment, normalizePackageName, type PackageVersion } from './versions';
import { PinSet, parseRequirement, readRequirementsFile, requirementVersion, requirementsText } from './requirements';
import { condaEnvironment, pipfileRequirements, poetryRequirements, setupCfgRequirements, setupPyRequirements } from './manifests';
import { factFile, factKey, oneFact, setupFilePins, type SetupFact } from './setup-files';
import { MAX_SETUP_BYTES, setupFilesOf, setupReadFile } from './setup-locations';
import { environmentForScript, findLaunches, type Launches } from './setup-launches';
import { findLaunchedRuns, type LaunchedRuns } from './launch-flags';
import { isProjectRootDir } from './project-root';

export interface EnvironmentOptions {
  /** Folder of the script being analysed. */
  scriptDir: string;
  /** Workspace folder: the search for project files stops there. */
  workspaceRoot?: string;
  /** Interpreter chosen in the editor (VS Code's Python extension) or by the user. */
  pythonPath?: string;
  /** Process environment (VIRTUAL_ENV, CONDA_PREFIX). */
  env?: Record<string, string | undefined>;
  /** Reads shared with other folders' discovery (a fresh one when absent). */
  disk?: DiskMemo;
}

const WATCHED = ['trl', 'transformers', 'peft', 'unsloth', 'unsloth-zoo', 'datasets', 'torch', 'accelerate', 'bitsandbytes'];

function sitePackagesOf(prefix: string, disk: DiskMemo): string[] {
  const out: string[] = [];
  for (const lib of ['lib', 'lib64', 'Lib']) {
    const dir = join(prefix, lib);
    if (lib === 'Lib') { if (disk.exists(join(dir, 'site-packages'))) out.push(join(dir, 'site-packages')); continue; }
    // `dist-packages`: Debian's and Ubuntu's system Pythons (`/usr/lib/python3/dist-packages`, pip's `/usr/local/lib/python3.X`).
    for (const py of disk.list(dir) ?? []) if (py.startsWith('python')) out.push(join(dir, py, 'site-packages'), join(dir, py, 'dist-packages'));
  }
  return out.filter((p) => disk.exists(p));
}

function installedVersions(sitePackages: string, where: string, disk: DiskMemo): Map<string, PackageVersion> {
  const found = new Map<string, PackageVersion>();
  for (const n of disk.list(sitePackages) ?? []) {
    const m = /^(.+?)-(\d[^-]*?)\.(dist-info|egg-info)$/.exec(n);
    if (!m) continue;
    const pkg = normalizePackageName(m[1]);
    found.set(pkg, { version: m[2], source: join(sitePackages, n), origin: { kind: 'installed', where } });
  }
  return found;
}

/** A path as messages show it: relative to the project when inside it ("requirements.txt", ".venv"). */
function displayPath(path: string, root: string): string {
  const r = relative(root, path);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r.split(sep).join('/') : path;
}

function pythonPrefixes(opts: EnvironmentOptions, disk: DiskMemo): string[] {
  const prefixes: string[] = [];
  if (opts.pythonPath) prefixes.push(resolve(dirname(opts.pythonPath), '..'));
  const env = opts.env ?? {};
  if (env.VIRTUAL_ENV) prefixes.push(env.VIRTUAL_ENV);
  if (env.CONDA_PREFIX) prefixes.push(env.CONDA_PREFIX);
  for (const dir of projectAncestors(opts.scriptDir, opts.workspaceRoot, disk)) {
    for (const name of ['.venv', 'venv', 'env', '.env']) {
      const p = join(dir, name);
      if (disk.exists(join(p, 'pyvenv.cfg'))) prefixes.push(p);
    }
  }
  return prefixes;
}

/** The script's folder and its parents, up to the workspace root (or 8 levels). */
export function ancestors(start: string, stop?: string): string[] {
  const out: string[] = [];
  let dir = resolve(start);
  for (let i = 0; i < 8; i++) {
    out.push(dir);
    if (stop && resolve(stop) === dir) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/**
 * The folders whose pin files, virtual environments and launchers belong to the script's project: `ancestors`, up to
 * and including the first that is a project's root (`project-root.ts`: trainlint's configuration or `.git`). Without a workspace
 * (the CLI) the walk otherwise reached 8 levels up, past the repository, into folders of other projects or none
 * (`/tmp/requirements.txt` for a checkout under /tmp). The configuration lookup (`lint/config-file.ts`) keeps the whole
 * walk: like Ruff's, it takes the closest configuration file, wherever it is.
 */
export function projectAncestors(start: string, stop: string | undefined, disk: DiskMemo): string[] {
  const dirs = ancestors(start, stop);
  const root = dirs.findIndex((d) => isProjectRootDir(d, disk));
  return root < 0 ? dirs : dirs.slice(0, root + 1);
}

/** `pkg==X` lines of a requirements text (no includes): for callers that have only the text. */
export function pinsFromRequirements(text: string, source: string, into: Map<string, PackageVersion>): void {
  const set = new PinSet();
  requirementsText(text, source, set, { root: dirname(source), display: (p) => basename(p) });
  for (const [k, v] of set.pins) into.set(k, v);
}

/**
 * pyproject.toml and lock files by text, parsed once: every folder of a corpus reads its parents' files again.
 * The documents are only read here. A text that does not parse throws again.
 */
const tomlDocs = new Map<string, { doc?: unknown; error?: unknown }>();

function parsedToml(text: string): unknown {
  let known = tomlDocs.get(text);
  if (!known) {
    try { known = { doc: parseToml(text) }; } catch (error) { known = { error }; }
    if (text.length <= 1024 * 1024) {
      if (tomlDocs.size >= 16) tomlDocs.delete(tomlDocs.keys().next().value!);
      tomlDocs.set(text, known);
    }
  }
  if ('error' in known) throw known.error;
  return known.doc;
}

/**
 * `[project.dependencies]` and `[tool.poetry.dependencies]` (Poetry's `^`/`~` constraints as ranges). Extras, dependency
 * groups and Poetry groups are not read: a script may run without them (duyet/gemma-4-finetune-vietnamese-legal-documents
 * pins TRL 0.9.6 in its `train` extra, and its `hf_jobs/train.py` runs in a Docker image with a TRL that has
 * `processing_class=`).
 */
/** A TOML table (a plain object), or undefined for any other value. */
function asTable(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
}

function pinsFromPyproject(text: string, source: string, file: string, into: PinSet): void {
  let doc: Record<string, unknown>;
  try { doc = parsedToml(text) as Record<string, unknown>; } catch { return; }
  // PEP 621 makes `dependencies` an array of strings; a `[project.dependencies]` table (Messydrawing/llm-test2
  // `test7/pyproject.toml`, which pip refuses) pins nothing, and neither does any other shape.
  const project = asTable(doc.project);
  const main = (Array.isArray(project?.dependencies) ? project.dependencies : []).filter((d): d is string => typeof d === 'string');
  const poetry = asTable(asTable(doc.tool)?.poetry);
  poetryRequirements(poetry && asTable(poetry.dependencies) ? poetry : undefined, main);
  addRequirements(main, source, file, into);
}

/** `setup.py`'s install requirements (`setupPyRequirements`), what `pip install -e .` installs. */
export function pinsFromSetupPy(text: string, source: string, file: string, into: PinSet): void {
  addRequirements(setupPyRequirements(text), source, file, into);
}

function pinsFromLock(text: string, source: string, file: string, into: PinSet): void {
  let doc: { package?: unknown };
  try { doc = parsedToml(text) as typeof doc; } catch { return; }
  for (const p of Array.isArray(doc.package) ? doc.package as Array<{ name?: unknown; version?: unknown }> : []) {
    if (typeof p?.name === 'string' && typeof p.version === 'string' && p.name && p.version) into.add(p.name, { version: p.version, source, origin: { kind: 'pinned', file, lock: true } }, undefined, source);
  }
}

function projectPins(opts: EnvironmentOptions, disk: DiskMemo): Map<string, PackageVersion> {
  const dirs = projectAncestors(opts.scriptDir, opts.workspaceRoot, disk).reverse();
  const root = opts.workspaceRoot ?? dirs[0];
  // Without a workspace (the CLI), `dirs[0]` is some ancestor (often `/`): a path relative to it reads like a
  // project path ("tmp/x/requirements.txt"), so name the file by its absolute path.
  const display = (p: string) => (opts.workspaceRoot ? displayPath(p, root) : p);
  // Nearest folder first: walk from the root down so nearer files override. What a parent folder's walk ended
  // with is kept (a copy per folder), so siblings start from it.
  const keyOf = (dir: string) => `${opts.workspaceRoot ?? ''}\0${root}\0${dir}`;
  let from = dirs.length;
  while (from > 0 && !disk.folderPins.has(keyOf(dirs[from - 1]))) from--;
  let pins = from > 0 ? disk.folderPins.get(keyOf(dirs[from - 1]))!.copy() : new PinSet();
  for (const dir of dirs.slice(from)) {
    // A project file of a shape no reader expected adds nothing from its folder and never ends the lint (31st pass:
    // a `[project.dependencies]` table ended the whole CLI run); the parent folders' pins stand.
    const parents = pins.copy();
    try { folderPins(dir, disk, root, display, pins); } catch { pins = parents; }
    disk.folderPins.set(keyOf(dir), pins.copy());
  }
  return pins.pins;
}

/** Requirement strings into `into`, as from `file`. */
function addRequirements(reqs: readonly string[], source: string, file: string, into: PinSet): void {
  for (const text of reqs) {
    const req = parseRequirement(text);
    const pv = req && requirementVersion(req, { kind: 'pinned', file, marker: req.marker }, source);
    if (req && pv) into.add(req.name, pv, req.marker, source);
  }
}

/**
 * The requirements files of one folder (`requirements.txt`, `requirements_grpo.txt`, `requirements-colab.txt`): each is
 * one way to set the project up, so a library they pin differently (huggingface/optimum-habana `examples/trl`: TRL
 * 0.9.6 in requirements.txt, 0.17.0 in requirements_grpo.txt) is either: alternatives, which a verdict needs to agree.
 * A library only some of them name is what those say.
 */
function siblingRequirements(dir: string, names: readonly string[], root: string, display: (p: string) => string, pins: PinSet): void {
  const files = [...names].filter((n) => /^requirements.*\.txt$/i.test(n)).sort();
  if (files.length <= 1) { for (const n of files) readRequirementsFile(join(dir, n), pins, { root, display }); return; }
  const facts = new Map<string, Array<{ file: string; pv: PackageVersion }>>();
  for (const n of files) {
    const own = new PinSet();
    readRequirementsFile(join(dir, n), own, { root, display });
    for (const [k, pv] of own.pins) {
      const list = facts.get(k) ?? [];
      if (!list.some((f) => factKey(f.pv) === factKey(pv))) list.push({ file: display(join(dir, n)), pv });
      facts.set(k, list);
    }
  }
  for (const [k, list] of facts) {
    if (list.length === 1) { pins.add(k, list[0].pv, undefined, list[0].pv.source); continue; }
    const alternatives = list.flatMap((f) => f.pv.alternatives ?? [f.pv]);
    pins.add(k, { ...alternatives[0], alternatives, alternativesWhy: `which requirements file is installed (${list.map((f) => f.file).join(', ')})` }, undefined, list[0].pv.source);
  }
}

/**
 * The folder's setup files as alternatives to what its own pin files say (`setup-files.ts`): a Dockerfile that installs
 * requirements.txt confirms it, one that pins a library differently is a second possibility (a verdict needs both to
 * agree), and a library only the setup files pin is what they say, nearer than a parent folder's pin. An install that
 * may not run, and an unpinned one (the newest release at a time nobody states), is one more possibility beside what
 * else the project says, and says nothing alone: PhoebusSi/Alpaca-CoT vendors an old PEFT whose `docker/peft-cpu/Dockerfile`
 * installs PEFT and transformers from git, and taking that as today's newest made errors of the vendored examples.
 */
function mergeSetupFiles(dir: string, setups: ReadonlyArray<{ path: string; kind: 'dockerfile' | 'shell' }>, before: ReadonlyMap<string, PackageVersion>,
  disk: DiskMemo, root: string, display: (p: string) => string, pins: PinSet): void {
  const facts = new Map<string, Array<SetupFact & { file: string }>>();
  for (const s of setups) {
    const text = disk.text(s.path, MAX_SETUP_BYTES);
    if (!text) continue;
    const file = display(s.path);
    const readFile = setupReadFile(s.path, dir, disk, root, display);
    for (const [k, f] of setupFilePins(text, s.kind, file, readFile)) {
      const list = facts.get(k) ?? [];
      // An unpinned install is the newest release when the image is built or the script is run, and nobody says when
      // (an image is built once and used after): one more possibility, which decides nothing alone.
      const assumed = (f.pv.alternatives ?? [f.pv]).every((a) => a.origin?.kind === 'newest');
      list.push({ ...f, conditional: f.conditional || assumed, file });
      facts.set(k, list);
    }
  }
  for (const [k, list] of facts) {
    const now = pins.pins.get(k);
    const own = now !== undefined && now !== before.get(k) ? now : undefined;
    const certain = list.filter((f) => !f.conditional).map((f) => f.pv);
    const sure = own ? [own, ...certain] : certain.length ? certain : now ? [now] : [];
    if (!sure.length) continue;
    const all = [...sure, ...list.filter((f) => f.conditional).map((f) => f.pv)];
    const files = [...new Set(all.flatMap((pv) => (pv.alternatives ?? [pv]).map(factFile)))];
    const pv = oneFact(all, `how the project is set up (${files.join(', ')})`)!;
    if (pv !== now && !(now && factKey(now) === factKey(pv) && own)) pins.add(k, pv, undefined, pv.source);
  }
}

/** Adds what one folder's project files pin to `pins`. */
function folderPins(dir: string, disk: DiskMemo, root: string, display: (p: string) => string, pins: PinSet): void {
  const names = disk.list(dir);
  if (!names) return;
  const setups = setupFilesOf(dir, names, disk).filter((s) => !s.launchOnly);
  const before = setups.length ? new Map(pins.pins) : undefined;
  // setup.py / setup.cfg first: a requirements file or pyproject.toml next to it is the more specific.
  const setup = names.includes('setup.py') ? disk.text(join(dir, 'setup.py'), 1024 * 1024) : undefined;
  if (setup) pinsFromSetupPy(setup, join(dir, 'setup.py'), display(join(dir, 'setup.py')), pins);
  const cfg = names.includes('setup.cfg') ? disk.text(join(dir, 'setup.cfg'), 1024 * 1024) : undefined;
  if (cfg) addRequirements(setupCfgRequirements(cfg), join(dir, 'setup.cfg'), display(join(dir, 'setup.cfg')), pins);
  // A conda environment file (`conda env create -f environment.yml`): the project's environment. A `conda.yml` beside
  // AzureML job specs is the environment of a submitted job, not of the notebook that submits it (james-tn/llm-fine-tuning
  // `opensource_llm/archived`: TRL 0.13.0 in conda.yml for fine_tune_ac.py, while quick_fine_tune.ipynb there calls
  // `SFTTrainer(packing=…, max_seq_length=…)`, the API of an older TRL): not read.
  for (const n of [...names].sort()) {
    if (!/^environment[\w.-]*\.ya?ml$/i.test(n)) continue;
    const t = disk.text(join(dir, n), 1024 * 1024);
    if (t) condaEnvironment(t, join(dir, n), pins, { root, display });
  }
  const pipfile = names.includes('Pipfile') ? disk.text(join(dir, 'Pipfile'), 1024 * 1024) : undefined;
  if (pipfile) {
    try { addRequirements(pipfileRequirements(parsedToml(pipfile) as Record<string, unknown>), join(dir, 'Pipfile'), display(join(dir, 'Pipfile')), pins); } catch { /* not TOML */ }
  }
  siblingRequirements(dir, names, root, display, pins);
  const py = disk.text(join(dir, 'pyproject.toml'), 4 * 1024 * 1024);
  if (py) pinsFromPyproject(py, join(dir, 'pyproject.toml'), display(join(dir, 'pyproject.toml')), pins);
  for (const lock of ['poetry.lock', 'pdm.lock', 'uv.lock', 'Pipfile.lock']) {
    const t = names.includes(lock) ? disk.text(join(dir, lock), 16 * 1024 * 1024) : undefined;
    if (!t) continue;
    if (lock === 'Pipfile.lock') pinsFromPipfileLock(t, join(dir, lock), display(join(dir, lock)), pins);
    else pinsFromLock(t, join(dir, lock), display(join(dir, lock)), pins);
  }
  if (before) mergeSetupFiles(dir, setups, before, disk, root, display, pins);
}

/** `Pipfile.lock` (JSON): `default` packages' `"version": "==0.12.2"`. */
function pinsFromPipfileLock(text: string, source: string, file: string, into: PinSet): void {
  let doc: { default?: Record<string, { version?: unknown }> };
  try { doc = JSON.parse(text) as typeof doc; } catch { return; }
  for (const [name, body] of Object.entries(doc.default ?? {})) {
    const m = typeof body?.version === 'string' ? /^==\s*(\S+)$/.exec(body.version) : null;
    if (m) into.add(name, { version: m[1], source, origin: { kind: 'pinned', file, lock: true } }, undefined, source);
  }
}

/** What one folder's scripts share: the installed packages, the project's pins, the shell scripts that run scripts. */
export interface FolderEnvironment { installed: Environment; project: ReadonlyMap<string, PackageVersion>; launches: Launches; runs: LaunchedRuns }

/** The folder's environment from disk (installed packages, project pins, launches), before any one script's. */
export function discoverFolder(opts: EnvironmentOptions): FolderEnvironment {
  const installed = new Map<string, PackageVersion>();
  const root = opts.workspaceRoot ?? opts.scriptDir;
  const disk = opts.disk ?? new DiskMemo();
  for (const prefix of pythonPrefixes(opts, disk)) {
    for (const sp of sitePackagesOf(prefix, disk)) {
      for (const [k, v] of installedVersions(sp, displayPath(prefix, root), disk)) if (!installed.has(k)) installed.set(k, v);
    }
    if (WATCHED.some((w) => installed.has(w))) break;
  }
  const dirs = projectAncestors(opts.scriptDir, opts.workspaceRoot, disk);
  const display = (p: string) => (opts.workspaceRoot ? displayPath(p, opts.workspaceRoot) : p);
  return {
    installed: new Environment(installed), project: projectPins(opts, disk),
    launches: findLaunches(dirs, disk, opts.workspaceRoot ?? dirs[dirs.length - 1], display), runs: findLaunchedRuns(dirs, disk, display),
  };
}

/**
 * The environment from disk (installed packages, then project pins): for the script `scriptPath` when given, with the
 * installs of a shell script that runs it ranked above the pins (`setup-launches.ts`).
 */
export function discoverEnvironment(opts: EnvironmentOptions & { scriptPath?: string }): Environment {
  const f = discoverFolder(opts);
  return environmentForScript(f.installed, f.project, f.launches, opts.scriptPath, f.runs);
}

export { pinsFromScript } from './script-installs';
