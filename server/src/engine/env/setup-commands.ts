/**
 * The commands of a project's shell text that trainlint reads: `pip install …` (with `\` continuations, `uv pip install`,
 * `pip3`, `python -m pip`) and, in a shell script, the Python scripts it runs after them (`python train.py`,
 * `accelerate launch train.py`, `torchrun … train.py`). Variables are expanded where the text proves their value
 * (`shell-variables.ts`). Nothing is run; an install that may not run (inside an `if`, a loop, a function, after a test,
 * beside `||`) is marked `conditional`.
 */
import { posix } from 'node:path';
import { ShellScope, expandShell, shellAssignment, shellUnknowns, splitWords } from './shell-variables';

/** A Dockerfile's name: `Dockerfile`, `Dockerfile.cuda`, `Dockerfile-gpu`, `train.dockerfile`, `train.Dockerfile`, `Containerfile`. */
export const DOCKERFILE = /^(?:(?:Dockerfile|Containerfile)(?:[.-][\w.-]*)?|[\w.-]+\.(?:dockerfile|Dockerfile))$/;
/**
 * A Dockerfile named for one image among others (`Dockerfile_train`, `Dockerfile_inference`, `Dockerfile_DGX_Spark`):
 * read only as the launch of the script its `CMD`/`ENTRYPOINT` runs, not as a setup of its folder. unslothai/notebooks'
 * root `Dockerfile_DGX_Spark` (transformers 4.56.2, TRL 0.22.2, `CMD ["/bin/bash"]`) would otherwise pin every notebook
 * of the repository, the Colab and Kaggle ones and the molab scripts whose PEP 723 block pins transformers 5.5 alike.
 */
export const DOCKERFILE_VARIANT = /^(?:Dockerfile|Containerfile)_[\w.-]+$/;
/** A shell script. */
export const SHELL_SCRIPT = /^[\w.-]+\.sh$/;

/** One command of a setup file: an install (its text from `pip` on), a base image's libraries, or a script it runs. */
export interface SetupCommand {
  text: string;
  /** The 0-based line. */
  line: number;
  /** The command may not run: under an `if`/`case`/loop/function body, after a test, or beside `||`. */
  conditional: boolean;
  /** For a Dockerfile: the image's working folder and what `COPY` put where, when the command runs. */
  image?: ImageFiles;
  /** The source text of the variables each word of `text` was expanded with (`ARG TRL_VERSION=0.12.0` (line 2)). */
  via?: ReadonlyMap<string, string[]>;
  /** A Dockerfile stage's base image and the libraries its tag says it holds (`base-images.ts`). */
  preinstalled?: { image: string; pins: ReadonlyMap<string, { version?: string; specifier?: string }> };
  /**
   * A shell script's run of a Python script: the path as written, the folder a literal `cd` before it went to, and the
   * words after the path (a shell script's: its command line, variables expanded where the text proves them).
   */
  run?: { script: string; cwd?: string; args?: string[]; launcher?: string; options?: string[] };
}

/** What a Dockerfile has copied into the image so far: image path → path in the build context. */
export interface ImageFiles { workdir: string; copies: ReadonlyArray<{ dst: string; src: string; dir: boolean }> }

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
const PIP_AT = /(?:^|\s)(?:uv\s+)?(?:python3?(?:\.\d+)?\s+-m\s+)?pip3?\s+install\b/;
/** A command that runs a Python file: the words after the launcher. */
const RUNS = /^(?:[A-Za-z_]\w*=\S*\s+)*(?:(?:nohup|time|exec)\s+)*(python3?(?:\.\d+)?|accelerate\s+launch|torchrun|deepspeed|uv\s+run(?:\s+python3?)?)\s+(.*)$/;

/**
 * The commands of shell text (a shell script, or a Dockerfile's `RUN` instruction), with where each starts and whether
 * it may not run. `scope`: the names known before it (a Dockerfile's `ARG`s and `ENV`s), updated by its assignments.
 */
export function shellCommands(lines: ReadonlyArray<{ text: string; line: number }>, scope: ShellScope, image?: ImageFiles): SetupCommand[] {
  const out: SetupCommand[] = [];
  let depth = 0;
  let cwd: string | undefined | null = undefined;
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
      const conditional = depth > 0 || opens || ors[k] || tested;
      const unknown = shellUnknowns(p);
      if (unknown === 'all') scope.forgetAll();
      else if (unknown) for (const n of unknown) scope.set(n, { unknown: true });
      const assigned = shellAssignment(p, scope);
      if (assigned) {
        for (const a of assigned) scope.set(a.name, a.value === undefined || conditional ? { unknown: true } : { value: a.value, via: `\`${a.text}\` (line ${line + 1}${a.vias ? `; ${a.vias.join(', ')}` : ''})` });
        if (opens) depth++;
        return;
      }
      const cd = /^cd(?:\s+(.*))?$/.exec(p);
      if (cd) {
        const to = splitWords(expandShell(cd[1] ?? '', scope).text);
        cwd = conditional || cwd === null || to.length !== 1 || /[$~`]/.test(to[0].text) ? null : posix.join(cwd ?? '.', to[0].text);
        return;
      }
      const m = PIP_AT.exec(raw);
      // `echo "pip install …"`, `bash -c "pip install …"`: the words inside a quoted string are no command read here.
      const inQuotes = m && quoted[k].some(([a, b]) => m.index >= a && m.index < b);
      if (m && !inQuotes && !/^(?:echo|printf)\b/.test(p)) {
        const { text: expanded, vias } = expandShell(raw.slice(m.index).trim(), scope);
        out.push({ text: expanded, line, conditional, ...(image ? { image } : {}), ...(vias.size ? { via: vias } : {}) });
      } else if (!image) {
        const run = scriptRunWords(p, scope);
        if (run) out.push({ text: '', line, conditional, run: { script: run.script, ...(typeof cwd === 'string' ? { cwd } : {}), args: run.args, launcher: run.launcher, options: run.options } });
      }
      if (opens) depth++;
    });
  }
  return out;
}

/**
 * The Python file a command runs (`python train.py`, `accelerate launch train.py`, `torchrun --nproc_per_node 2
 * train.py`, after `VAR=…`, `nohup`, `time`, `exec`): the first `*.py` word after the launcher, when the text proves it.
 */
export function scriptRun(command: string, scope: ShellScope): string | undefined {
  return scriptRunWords(command, scope)?.script;
}

/**
 * `scriptRun`, with the words the command passes after the script, the launcher (`python`, `accelerate launch`,
 * `torchrun`, `deepspeed`, `uv run`, spaces as written) and the launcher's own words before the script.
 */
export function scriptRunWords(command: string, scope: ShellScope): { script: string; args: string[]; launcher: string; options: string[] } | undefined {
  const run = RUNS.exec(command.trim());
  if (!run) return undefined;
  const words = splitWords(expandShell(run[2], scope).text);
  const at = words.findIndex((w) => /\.py$/.test(w.text) && !w.text.startsWith('-'));
  if (at < 0 || /[$`]/.test(words[at].text)) return undefined;
  return { script: words[at].text, args: words.slice(at + 1).map((w) => w.text), launcher: run[1].replace(/\s+/g, ' '), options: words.slice(0, at).map((w) => w.text) };
}

/** Logical lines of a shell script: `\` continuations joined, heredoc bodies left out. */
export function shellLines(text: string): Array<{ text: string; line: number }> {
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

