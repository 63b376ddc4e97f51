/**
 * The project's Dockerfiles and shell install scripts as version sources: `RUN pip install trl==0.12.0 …` (with `\`
 * continuations, `uv pip install`, `pip3`, `python -m pip`), `RUN pip install -r requirements.txt` (the file the
 * image copies in), and `pip install …` lines of `setup.sh` / `install.sh` / `scripts/*.sh`. Each file is one way to
 * set the project up, as each requirements file is (`discover.ts` merges them into alternatives that must agree).
 * Nothing is run: the text is read, and an install that may not run (inside an `if`, a loop, a function, after a
 * test, beside `||`) only ever adds a possibility, never decides.
 */
import { posix } from 'node:path';
import { installCommand, resolveInstalls, type Found } from './script-installs';
import { normalizePackageName, type PackageVersion } from './versions';
import { PinSet } from './requirements';

/** A Dockerfile's name: `Dockerfile`, `Dockerfile.cuda`, `Dockerfile-gpu`, `train.dockerfile`, `Containerfile`. */
export const DOCKERFILE = /^(?:(?:Dockerfile|Containerfile)(?:[.-][\w.-]*)?|[\w.-]+\.(?:dockerfile|Dockerfile))$/;
/** A shell script. */
export const SHELL_SCRIPT = /^[\w.-]+\.sh$/;

/** One install command of a setup file: its text (from `pip` on), its 0-based line, its order. */
export interface SetupCommand {
  text: string;
  line: number;
  /** The command may not run: under an `if`/`case`/loop/function body, after a test, or beside `||`. */
  conditional: boolean;
  /** For a Dockerfile: the image's working folder and what `COPY` put where, when the command runs. */
  image?: ImageFiles;
}

/** What a Dockerfile has copied into the image so far: image path → path in the build context. */
export interface ImageFiles { workdir: string; copies: ReadonlyArray<{ dst: string; src: string; dir: boolean }> }

/** A version one setup file gives a library; `conditional`: only from installs that may not run. */
export interface SetupFact { pv: PackageVersion; conditional: boolean }

/** The parts of a shell line between `;`, `&&`, `||`, `|`, `&` outside quotes, comments dropped. */
function shellSegments(line: string): { parts: string[]; ors: boolean[]; quoted: Array<Array<[number, number]>> } {
  const parts: string[] = [];
  const ors: boolean[] = [];
  const quoted: Array<Array<[number, number]>> = [];
  let cur = '', q = '', qStart = 0, spans: Array<[number, number]> = [], afterOr = false;
  const push = (nextOr: boolean) => {
    parts.push(cur); ors.push(afterOr || nextOr); quoted.push(spans);
    cur = ''; spans = []; afterOr = nextOr;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '\\' && q === '"') { cur += c + (line[i + 1] ?? ''); i++; continue; }
      cur += c;
      if (c === q) { q = ''; spans.push([qStart, cur.length]); }
      continue;
    }
    if (c === '"' || c === "'") { q = c; qStart = cur.length; cur += c; continue; }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
    if (c === '|' && line[i + 1] === '|') { push(true); i++; continue; }
    if (c === '&' && line[i + 1] === '&') { push(false); i++; continue; }
    if (c === ';' || c === '|' || c === '&') { push(false); continue; }
    cur += c;
  }
  if (q) spans.push([qStart, cur.length]);
  push(false);
  return { parts, ors, quoted };
}

const OPENS = /^(?:if|while|until|for|select|case)\b/;
const CLOSES = /^(?:fi|done|esac)\b/;
const LEADING = /^(?:then|do|else|elif|!|\{|\()\s*/;
const FUNCTION = /^(?:function\s+[\w.:-]+\s*(?:\(\s*\))?|[\w.:-]+\s*\(\s*\))\s*\{?\s*$/;
const TEST = /^(?:\[\[?|test)\s/;

/**
 * The install commands of shell text (a shell script, or a Dockerfile's `RUN` instructions joined), with where each
 * starts and whether it may not run. `depth` carries the nesting of blocks across lines.
 */
function shellInstalls(lines: ReadonlyArray<{ text: string; line: number }>, image?: ImageFiles): SetupCommand[] {
  const out: SetupCommand[] = [];
  let depth = 0;
  for (const { text, line } of lines) {
    const { parts, ors, quoted } = shellSegments(text);
    const tested = parts.some((p) => TEST.test(p.trim()) || /^if\b/.test(p.trim()));
    parts.forEach((raw, k) => {
      let p = raw.trim();
      while (LEADING.test(p) && !FUNCTION.test(p)) p = p.replace(LEADING, '');
      if (FUNCTION.test(p) || p === '{') { depth++; return; }
      if (p === '}' || /^\}\s*$/.test(p)) { depth = Math.max(0, depth - 1); return; }
      if (CLOSES.test(p)) { depth = Math.max(0, depth - 1); return; }
      const opens = OPENS.test(p);
      const m = /(?:^|\s)(?:uv\s+)?(?:python3?(?:\.\d+)?\s+-m\s+)?pip3?\s+install\b/.exec(raw);
      // `echo "pip install …"`, `bash -c "pip install …"`: the words inside a quoted string are no command read here.
      const inQuotes = m && quoted[k].some(([a, b]) => m.index >= a && m.index < b);
      if (m && !inQuotes && !/^(?:echo|printf)\b/.test(p)) {
        out.push({ text: raw.slice(m.index).trim(), line, conditional: depth > 0 || opens || ors[k] || tested, ...(image ? { image } : {}) });
      }
      if (opens) depth++;
    });
  }
  return out;
}

/** Logical lines of a shell script: `\` continuations joined, heredoc bodies left out. */
function shellLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  const lines = text.split(/\r\n|\r|\n/);
  let acc = '', start = 0, heredoc: { end: string; strip: boolean } | undefined;
  lines.forEach((l, i) => {
    if (heredoc) { if ((heredoc.strip ? l.replace(/^\t+/, '') : l) === heredoc.end) heredoc = undefined; return; }
    if (!acc) start = i;
    if (/^\s*#/.test(l) && !acc) return;
    if (/(?:^|[^\\])\\$/.test(l)) { acc += l.slice(0, -1) + ' '; return; }
    const full = acc + l;
    acc = '';
    out.push({ text: full, line: start });
    const h = /<<(-?)\s*(['"]?)(\w+)\2/.exec(full);
    if (h) heredoc = { end: h[3], strip: h[1] === '-' };
  });
  if (acc) out.push({ text: acc, line: start });
  return out;
}

/** A Dockerfile's install commands: the shell of its `RUN` instructions, with the image's files at that point. */
function dockerInstalls(text: string): SetupCommand[] {
  const out: SetupCommand[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let workdir = '/';
  let copies: ImageFiles['copies'] = [];
  let acc = '', start = 0;
  const instruction = (full: string, line: number) => {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(full);
    if (!m) return;
    const op = m[1].toUpperCase();
    const rest = m[2].trim();
    if (op === 'FROM') { workdir = '/'; copies = []; return; }
    if (op === 'WORKDIR') { workdir = posix.resolve(workdir, rest.replace(/^["']|["']$/g, '')); return; }
    if (op === 'COPY' || op === 'ADD') {
      const ws = rest.split(/\s+/).filter((w) => !w.startsWith('--'));
      if (ws.length < 2 || /^\[/.test(rest)) return;
      const dst = ws[ws.length - 1];
      const srcs = ws.slice(0, -1);
      const dstAbs = posix.resolve(workdir, dst);
      const toDir = dst.endsWith('/') || dst === '.' || srcs.length > 1;
      copies = [...copies, ...srcs.map((s) => {
        const src = posix.normalize(s.replace(/^\.\//, '')).replace(/\/$/, '');
        const whole = src === '.' || src === '';
        return whole ? { dst: dstAbs, src: '.', dir: true } : toDir ? { dst: posix.join(dstAbs, posix.basename(src)), src, dir: false } : { dst: dstAbs, src, dir: false };
      })];
      return;
    }
    if (op === 'RUN' && !/^\[/.test(rest)) out.push(...shellInstalls([{ text: rest.replace(/^(?:--[\w-]+=\S+\s+)+/, ''), line }], { workdir, copies }));
  };
  lines.forEach((l, i) => {
    if (/^\s*#/.test(l)) return; // a comment line, also inside a continued instruction
    if (!acc) start = i;
    if (/\\\s*$/.test(l)) { acc += l.replace(/\\\s*$/, ' '); return; }
    const full = acc + l;
    acc = '';
    instruction(full, start);
  });
  if (acc) instruction(acc, start);
  return out;
}

/** The install commands of a setup file (`dockerfile`: `RUN` instructions; `shell`: the script's lines). */
export function setupCommands(text: string, kind: 'dockerfile' | 'shell'): SetupCommand[] {
  if (!/pip3?\s+install/.test(text)) return [];
  return kind === 'dockerfile' ? dockerInstalls(text) : shellInstalls(shellLines(text));
}

/**
 * Where a requirements file an install command names lies in the project (relative to the build context or the
 * folder the script runs from), for a Dockerfile through what the image copied to that path: candidates, in order.
 */
export function requirementsCandidates(written: string, cmd: SetupCommand): string[] {
  if (/[$`]/.test(written)) return [];
  const image = cmd.image;
  if (!image) return [written];
  const at = posix.resolve(image.workdir, written);
  for (let i = image.copies.length - 1; i >= 0; i--) {
    const c = image.copies[i];
    if (!c.dir && c.dst === at) return [c.src];
    if (c.dir && (at + '/').startsWith(c.dst.replace(/\/$/, '') + '/')) return [posix.join(c.src, posix.relative(c.dst, at))];
  }
  return posix.isAbsolute(written) ? [posix.basename(written)] : [written];
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
    const ic = installCommand(c.text);
    if (!ic) return;
    for (const r of ic.reqs) found.push({ ...r, line: c.line, cmd: i, indented: c.conditional, ...(ic.noDeps ? { noDeps: true } : {}), ...(ic.upgrade ? { upgrade: true } : {}) });
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

/**
 * What one setup file gives each library: from all its installs, and whether that holds only when installs that may
 * not run do run (`conditional`: then it is one more possibility beside what else the project says, never alone).
 */
export function setupFilePins(text: string, kind: 'dockerfile' | 'shell', file: string, readFile: (cmd: SetupCommand, written: string) => PinSet | undefined): Map<string, SetupFact> {
  const cmds = setupCommands(text, kind);
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
