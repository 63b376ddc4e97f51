/**
 * The project's Dockerfiles and shell install scripts as version sources: `RUN pip install trl==0.12.0 …`, `RUN pip
 * install -r requirements.txt` (the file the image copies in), a base image whose tag names a release, and `pip install …`
 * lines of `setup.sh` / `install.sh` / `scripts/*.sh` (`setup-commands.ts`, `dockerfile-stages.ts`). Each file is one way
 * to set the project up, as each requirements file is (`discover.ts` merges them into alternatives that must agree).
 * Nothing is run: the text is read, and an install that may not run (inside an `if`, a loop, a function, after a test,
 * beside `||`, in a Docker stage the final image does not use) only ever adds a possibility, never decides.
 */
import { installCommand, resolveInstalls, type Found } from './script-installs';
import { normalizePackageName, type PackageVersion } from './versions';
import { PinSet } from './requirements';
import { ShellScope } from './shell-variables';
import { shellCommands, shellLines, type SetupCommand } from './setup-commands';
import { dockerCommands } from './dockerfile-stages';

export { DOCKERFILE, SHELL_SCRIPT, requirementsCandidates, type SetupCommand, type ImageFiles } from './setup-commands';

/** A version one setup file gives a library; `conditional`: only from installs that may not run. */
export interface SetupFact { pv: PackageVersion; conditional: boolean }

/** A shell script's names nobody sets in it: the caller's environment may. */
export const fromEnvironment = (name: string) => `unless the environment sets ${name}`;

/** The commands of a setup file (`dockerfile`: its stages' installs and base images; `shell`: installs and the scripts it runs). */
export function setupCommandsAll(text: string, kind: 'dockerfile' | 'shell'): SetupCommand[] {
  if (!/pip3?\s+install/.test(text) && (kind === 'shell' || !/^\s*FROM\s/im.test(text))) return [];
  return kind === 'dockerfile' ? dockerCommands(text) : shellCommands(shellLines(text), new ShellScope(fromEnvironment));
}

/** The install commands of a setup file. */
export function setupCommands(text: string, kind: 'dockerfile' | 'shell'): SetupCommand[] {
  return setupCommandsAll(text, kind).filter((c) => !c.run && !c.preinstalled);
}

/**
 * Facts that say the same (one version, one specifier, the same alternatives). A release's trailing zeros do not count
 * (PEP 440 pads releases with zeros: `>=4.45` is `>=4.45.0`), except after `~=` and before a `.*`, where they do.
 */
export function factKey(pv: PackageVersion): string {
  const same = (spec: string) => spec.split(',').map((c) => (/^(?:===?|!=|<=|>=|<|>)\s*\d[\d.]*$/.test(c.trim()) ? c.trim().replace(/(\.0)+$/, '') : c.trim())).join(',');
  return JSON.stringify((pv.alternatives ?? [pv]).map((a) => [a.version !== undefined ? a.version.replace(/^(\d+(?:\.\d+)*?)(\.0)+$/, '$1') : null, a.specifier !== undefined ? same(a.specifier) : null]));
}

/** One possibility per distinct version or specifier, alternatives flattened. */
export function distinctFacts(list: readonly PackageVersion[]): PackageVersion[] {
  const out: PackageVersion[] = [];
  const seen = new Set<string>();
  for (const a of list.flatMap((pv) => pv.alternatives ?? [pv])) {
    const key = factKey({ ...a, alternatives: undefined });
    if (!seen.has(key)) { seen.add(key); out.push({ ...a, alternatives: undefined, alternativesWhy: undefined }); }
  }
  return out;
}

/** `list` as one fact: itself when it says one thing, else alternatives for `why`. */
export function oneFact(list: readonly PackageVersion[], why: string): PackageVersion | undefined {
  const all = distinctFacts(list);
  if (all.length <= 1) return all[0] ? (list.length === 1 ? list[0] : all[0]) : undefined;
  return { ...all[0], alternatives: all, alternativesWhy: why };
}

/**
 * What the installs of `cmds` give each library: their requirements resolved as a script's are (`resolveInstalls`),
 * and the requirements files they install with `-r` (`readFile`: the file's pins, undefined when not in the project).
 * pip keeps a pinned release that a `-r` file installs over an unpinned install without `-U` (before or after it),
 * and an exact pin installed after every `-r` that names the library is what stays; any other disagreement is both.
 */
function resolveCommands(cmds: readonly SetupCommand[], file: string, readFile: (cmd: SetupCommand, written: string) => PinSet | undefined): Map<string, PackageVersion> {
  const found: Found[] = [];
  const files: Array<{ pins: PinSet; cmd: number }> = [];
  cmds.forEach((c, i) => {
    if (c.preinstalled) { files.push({ pins: baseImagePins(c, file), cmd: i }); return; }
    const ic = installCommand(c.text);
    if (!ic) return;
    for (const { word, ...r } of ic.reqs) {
      const via = word !== undefined ? c.via?.get(word) : undefined;
      found.push({ ...r, line: c.line, cmd: i, indented: c.conditional, ...(ic.noDeps ? { noDeps: true } : {}), ...(ic.upgrade ? { upgrade: true } : {}), ...(via ? { via: via.join(', ') } : {}) });
    }
    for (const w of ic.files) { const pins = readFile(c, w); if (pins) files.push({ pins, cmd: i }); }
  });
  const own = resolveInstalls(found, { file });
  const fromFiles = new PinSet();
  for (const f of files) for (const [k, pv] of f.pins.pins) fromFiles.add(k, pv, undefined, pv.source);
  const out = new Map<string, PackageVersion>();
  for (const [k, pv] of fromFiles.pins) out.set(k, pv);
  for (const [k, raw] of own.entries()) {
    const { scriptRequirement: _r, scriptUpgrade, ...pv } = raw;
    const r = out.get(k);
    if (!r || factKey(r) === factKey(pv)) { out.set(k, r ?? pv); continue; }
    if (pv.origin?.kind === 'newest' && !scriptUpgrade && r.version !== undefined && !r.alternatives) continue;
    const lastFile = Math.max(...files.filter((f) => f.pins.pins.has(k)).map((f) => f.cmd));
    const lastOwn = Math.max(...found.filter((f) => normalizePackageName(f.req.name) === k).map((f) => f.cmd));
    if (pv.version !== undefined && !pv.alternatives && pv.origin?.kind === 'pip-line' && lastOwn > lastFile) { out.set(k, pv); continue; }
    out.set(k, oneFact([r, pv], `which install in ${file} runs last`)!);
  }
  return out;
}

/** The libraries a base image holds, as pins of the Dockerfile `file` (pip keeps them as a requirements file's). */
function baseImagePins(c: SetupCommand, file: string): PinSet {
  const set = new PinSet();
  const { image, pins } = c.preinstalled!;
  const via = c.via?.get(image)?.join(', ');
  for (const [k, v] of pins) set.add(k, { ...v, source: file, origin: { kind: 'pinned', file, image, imageLine: c.line + 1, ...(via ? { via } : {}) } }, undefined, file);
  return set;
}

/**
 * What one setup file gives each library: from all its installs, and whether that holds only when installs that may
 * not run do run (`conditional`: then it is one more possibility beside what else the project says, never alone).
 */
export function setupFilePins(text: string, kind: 'dockerfile' | 'shell', file: string, readFile: (cmd: SetupCommand, written: string) => PinSet | undefined): Map<string, SetupFact> {
  return commandPins(setupCommandsAll(text, kind).filter((c) => !c.run), file, readFile);
}

/** What `cmds` (in order) give each library, and whether only when installs that may not run do run. */
export function commandPins(cmds: readonly SetupCommand[], file: string, readFile: (cmd: SetupCommand, written: string) => PinSet | undefined): Map<string, SetupFact> {
  const out = new Map<string, SetupFact>();
  if (!cmds.length) return out;
  const all = resolveCommands(cmds, file, readFile);
  const always = cmds.some((c) => c.conditional) ? resolveCommands(cmds.filter((c) => !c.conditional), file, readFile) : all;
  for (const k of new Set([...all.keys(), ...always.keys()])) {
    const a = all.get(k), b = always.get(k);
    if (a && b) out.set(k, { pv: factKey(a) === factKey(b) ? b : oneFact([b, a], `whether the conditional installs in ${file} run`)!, conditional: false });
    else out.set(k, { pv: (a ?? b)!, conditional: true });
  }
  return out;
}

/** The file a fact comes from, for the reason alternatives give. */
export function factFile(pv: PackageVersion): string {
  const o = pv.origin;
  if (!o) return pv.source;
  if (o.kind === 'pinned') return o.file;
  if (o.kind === 'pip-line' || o.kind === 'newest') return o.file ?? o.where;
  if (o.kind === 'installed') return o.where;
  return pv.source;
}
