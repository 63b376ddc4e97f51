/**
 * The script a Dockerfile's image runs when a container starts: its `ENTRYPOINT` and `CMD` (Docker's reference: the exec
 * form `["python", "train.py"]` is run as written, without a shell; the shell form `python train.py` through
 * `/bin/sh -c`; an exec-form `ENTRYPOINT` takes the exec-form `CMD` as its arguments; a shell-form `ENTRYPOINT` ignores
 * `CMD`; the last instruction of each kind wins; a stage built `FROM` another inherits both, and its own `ENTRYPOINT`
 * clears an inherited `CMD`). The run is read like a shell script's (`python x.py`, `accelerate launch x.py`,
 * `torchrun … x.py`, `cd dir && python x.py`), and the path in the image is traced back through the `COPY`s to a file of
 * the build context; a script the image did not copy in (a volume mounted at run time) names no file of the project.
 */
import { posix } from 'node:path';
import { shellCommands, type ImageFiles } from './setup-commands';
import { ShellScope } from './shell-variables';

/** A `CMD`/`ENTRYPOINT` as written: the exec form's words, or the shell form's text. */
export interface ContainerCommand { words?: string[]; shell?: string; line: number }

export function containerCommand(rest: string, line: number): ContainerCommand | undefined {
  if (!/^\[/.test(rest)) return rest ? { shell: rest, line } : undefined;
  try {
    const a: unknown = JSON.parse(rest);
    if (Array.isArray(a) && a.every((x) => typeof x === 'string')) return { words: a as string[], line };
  } catch { /* not JSON: Docker runs it as the shell form, which this does not guess at */ }
  return undefined;
}

/** A word as shell text (the exec form has no shell: quote what a shell would split or expand). */
function quoted(w: string): string {
  return /^[\w./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** The shell text the container runs, from the instructions in effect. */
function commandText(entry: ContainerCommand | undefined, cmd: ContainerCommand | undefined): { text: string; line: number; exec: boolean } | undefined {
  let words: string[] | undefined;
  let line: number;
  if (entry?.shell !== undefined) return { text: entry.shell, line: entry.line, exec: false };
  if (entry?.words) { words = [...entry.words, ...(cmd?.words ?? [])]; line = cmd?.words ? cmd.line : entry.line; }
  else if (cmd?.shell !== undefined) return { text: cmd.shell, line: cmd.line, exec: false };
  else if (cmd?.words) { words = cmd.words; line = cmd.line; }
  else return undefined;
  if (words.length >= 3 && /^(?:\/(?:usr\/)?bin\/)?(?:ba)?sh$/.test(words[0]) && words[1] === '-c') return { text: words[2], line, exec: false };
  return { text: words.map(quoted).join(' '), line, exec: true };
}

/** An image path's file in the build context, through the `COPY`s made so far (the last that covers it). */
function contextPath(at: string, image: ImageFiles): string | undefined {
  for (let i = image.copies.length - 1; i >= 0; i--) {
    const c = image.copies[i];
    if (!c.dir && c.dst === at) return c.src;
    if (c.dir && (at + '/').startsWith(c.dst.replace(/\/$/, '') + '/')) return posix.join(c.src, posix.relative(c.dst, at));
  }
  return undefined;
}

/**
 * The build-context path of the Python script the image runs, and the line of the instruction that says so; undefined
 * when it runs none, or one the image did not copy in. `scope`: the stage's `ENV`s (a shell-form command expands them;
 * the exec form expands nothing).
 */
export function containerRun(entry: ContainerCommand | undefined, cmd: ContainerCommand | undefined, scope: ShellScope, image: ImageFiles): { script: string; line: number } | undefined {
  const c = commandText(entry, cmd);
  if (!c) return undefined;
  const runs = shellCommands([{ text: c.text, line: c.line }], c.exec ? new ShellScope() : scope.copy()).filter((x) => x.run && !x.conditional);
  const run = runs[0]?.run;
  if (!run) return undefined;
  const script = contextPath(posix.resolve(image.workdir, run.cwd ?? '.', run.script), image);
  return script ? { script, line: c.line } : undefined;
}
