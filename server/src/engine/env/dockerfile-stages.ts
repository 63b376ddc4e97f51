/**
 * A Dockerfile's install commands, stage by stage: the shell of each `RUN` with the `ARG`s and `ENV`s it sees
 * (`shell-variables.ts`), what `COPY` put where in the image, and the libraries a stage's base image holds by its tag
 * (`base-images.ts`). The image that runs a script is the last stage's (`docker build` without `--target`): a stage it is
 * built `FROM` counts, and so do the installs of a stage it copies files from (`COPY --from=builder /venv /venv`); a
 * stage it does not use, or a base image it only copies files from, is one more possibility (`--target` builds it).
 */
import { posix } from 'node:path';
import { imagePins } from './base-images';
import { containerCommand, containerRun, type ContainerCommand } from './dockerfile-run';
import { ShellScope, expandShell, splitWords, type ShellValue } from './shell-variables';
import { shellCommands, type ImageFiles, type SetupCommand } from './setup-commands';

interface Stage {
  name?: string;
  /** The earlier stage this one is built `FROM`. */
  parent?: number;
  /** The stages it copies files from (`COPY --from=NAME`). */
  copiesFrom: string[];
  env: Map<string, ShellValue>;
  scope: ShellScope;
  workdir: string;
  copies: ImageFiles['copies'];
  cmds: SetupCommand[];
  /** The base image's command, when its tag names libraries. */
  base?: SetupCommand;
  /** `ENTRYPOINT` and `CMD` in effect (inherited from the stage it is built `FROM`); `ownCmd`: set in this stage. */
  entry?: ContainerCommand;
  cmd?: ContainerCommand;
  ownCmd?: boolean;
}

/** `NAME=value` pairs of an `ARG`/`ENV` instruction (`ENV NAME value`: the legacy form), values as written. */
function pairs(rest: string, legacy: boolean): Array<{ name: string; raw?: string; text: string }> {
  const m = /^([A-Za-z_]\w*)\s+([^=].*)$/.exec(rest);
  if (legacy && m && !m[1].includes('=')) return [{ name: m[1], raw: m[2].trim(), text: `${m[1]} ${m[2].trim()}` }];
  const out: Array<{ name: string; raw?: string; text: string }> = [];
  for (const w of rest.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []) {
    const eq = w.indexOf('=');
    const name = eq < 0 ? w : w.slice(0, eq);
    if (!/^[A-Za-z_]\w*$/.test(name)) continue;
    out.push({ name, raw: eq < 0 ? undefined : w.slice(eq + 1), text: w });
  }
  return out;
}

/** A value of `ARG`/`ENV` (quotes removed, variables expanded), or undefined when it is not provable. */
function valueOf(raw: string, scope: ShellScope): string | undefined {
  if (/\$\(|`/.test(raw)) return undefined;
  const { text } = expandShell(raw, scope);
  if (/\$/.test(text.replace(/'[^']*'/g, ''))) return undefined;
  return splitWords(text).map((w) => w.text).join(' ');
}

/** A Dockerfile's commands (installs and base images), each marked conditional when the final image may not have it. */
export function dockerCommands(text: string): SetupCommand[] {
  const stages: Stage[] = [];
  const globals = new ShellScope();
  const globalText = new Map<string, string>();
  const stage = (): Stage => {
    if (!stages.length) stages.push({ copiesFrom: [], env: new Map(), scope: new ShellScope(), workdir: '/', copies: [], cmds: [] });
    return stages[stages.length - 1];
  };
  const instruction = (full: string, line: number) => {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(full);
    if (!m) return;
    const op = m[1].toUpperCase();
    const rest = m[2].trim();
    if (op === 'ARG') {
      for (const a of pairs(rest, false)) {
        if (!stages.length) {
          const v = a.raw === undefined ? undefined : valueOf(a.raw, globals);
          globals.set(a.name, v === undefined ? { unknown: true } : { value: v, via: `\`ARG ${a.text}\` (line ${line + 1}; a build argument may override it)` });
          globalText.set(a.name, a.text);
          continue;
        }
        const s = stage();
        if (a.raw !== undefined) {
          const v = valueOf(a.raw, s.scope);
          s.scope.set(a.name, v === undefined ? { unknown: true } : { value: v, via: `\`ARG ${a.text}\` (line ${line + 1}; a build argument may override it)` });
        } else {
          const g = globals.get(a.name);
          s.scope.set(a.name, g && 'value' in g ? g : g ? { unknown: true } : { declared: true, via: `\`ARG ${a.name}\` on line ${line + 1}` });
        }
      }
      return;
    }
    if (op === 'FROM') {
      const words = rest.split(/\s+/).filter((w) => !w.startsWith('--'));
      const { text: image, vias } = expandShell(words[0] ?? '', globals);
      const name = words.length >= 3 && /^as$/i.test(words[1]) ? words[2].toLowerCase() : undefined;
      const parent = stages.findIndex((s) => s.name !== undefined && s.name === image.toLowerCase());
      const from = parent >= 0 ? stages[parent] : undefined;
      const s: Stage = { name, copiesFrom: [], env: new Map(from?.env ?? []), scope: new ShellScope(), workdir: from?.workdir ?? '/', copies: from?.copies ?? [], cmds: [], ...(from ? { parent, entry: from.entry, cmd: from.cmd } : {}) };
      for (const [k, v] of s.env) s.scope.set(k, v);
      if (!from && !/\$/.test(image)) {
        const pins = imagePins(image);
        const via = [...vias.values()].flat();
        if (pins.size) s.base = { text: '', line, conditional: false, preinstalled: { image, pins }, ...(via.length ? { via: new Map([[image, via]]) } : {}) };
      }
      stages.push(s);
      return;
    }
    const s = stage();
    if (op === 'ENV') {
      for (const a of pairs(rest, true)) {
        const v = a.raw === undefined ? undefined : valueOf(a.raw, s.scope);
        const val: ShellValue = v === undefined ? { unknown: true } : { value: v, via: `\`ENV ${a.text}\` (line ${line + 1})` };
        s.env.set(a.name, val);
        s.scope.set(a.name, val);
      }
      return;
    }
    if (op === 'WORKDIR') {
      const dir = valueOf(rest, s.scope);
      s.workdir = dir === undefined ? s.workdir : posix.resolve(s.workdir, dir);
      return;
    }
    if (op === 'COPY' || op === 'ADD') {
      const from = /--from=(\S+)/.exec(rest);
      if (from) { s.copiesFrom.push(from[1].toLowerCase()); return; }
      const ws = rest.split(/\s+/).filter((w) => !w.startsWith('--'));
      if (ws.length < 2 || /^\[/.test(rest)) return;
      const dst = ws[ws.length - 1];
      const srcs = ws.slice(0, -1);
      const dstAbs = posix.resolve(s.workdir, dst);
      const toDir = dst.endsWith('/') || dst === '.' || srcs.length > 1;
      s.copies = [...s.copies, ...srcs.map((src0) => {
        const src = posix.normalize(src0.replace(/^\.\//, '')).replace(/\/$/, '');
        const whole = src === '.' || src === '';
        // `COPY src/ /opt/src/`: a source written with a trailing slash is a folder, whose contents go to the destination.
        if (!whole && src0.endsWith('/') && srcs.length === 1) return { dst: dstAbs, src, dir: true };
        return whole ? { dst: dstAbs, src: '.', dir: true } : toDir ? { dst: posix.join(dstAbs, posix.basename(src)), src, dir: false } : { dst: dstAbs, src, dir: false };
      })];
      return;
    }
    if (op === 'ENTRYPOINT') {
      s.entry = containerCommand(rest, line);
      if (!s.ownCmd) s.cmd = undefined; // an ENTRYPOINT clears the CMD a base image set
      return;
    }
    if (op === 'CMD') {
      s.cmd = containerCommand(rest, line);
      s.ownCmd = true;
      return;
    }
    if (op === 'RUN' && !/^\[/.test(rest)) {
      s.cmds.push(...shellCommands([{ text: rest.replace(/^(?:--[\w-]+=\S+\s+)+/, ''), line }], s.scope.copy(), { workdir: s.workdir, copies: s.copies }));
    }
  };
  let acc = '', start = 0;
  let heredoc: { end: string; strip: boolean } | undefined;
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    // A heredoc's body (`RUN python - <<'PY'` … `PY`) is the input of the command, no instruction (`from x import y`).
    if (heredoc) { if ((heredoc.strip ? l.replace(/^\t+/, '') : l).trim() === heredoc.end) heredoc = undefined; return; }
    if (/^\s*#/.test(l)) return; // a comment line, also inside a continued instruction
    if (!acc) start = i;
    if (/\\\s*$/.test(l)) { acc += l.replace(/\\\s*$/, ' '); return; }
    const full = acc + l;
    acc = '';
    instruction(full, start);
    const h = /<<(-?)\s*(['"]?)(\w+)\2/.exec(full);
    if (h) heredoc = { end: h[3], strip: h[1] === '-' };
  });
  if (acc) instruction(acc, start);
  return finalImage(stages);
}

/** The stages' commands in order, those the last stage's image may lack marked conditional. */
function finalImage(stages: readonly Stage[]): SetupCommand[] {
  const byName = (ref: string): number => (/^\d+$/.test(ref) ? Number(ref) : stages.findIndex((s) => s.name === ref));
  const chain = new Set<number>();
  for (let i: number | undefined = stages.length - 1; i !== undefined && i >= 0 && !chain.has(i); i = stages[i].parent) chain.add(i);
  const used = new Set<number>(chain);
  const todo = [...chain];
  while (todo.length) {
    const s = stages[todo.pop()!];
    for (const ref of s.copiesFrom) {
      for (let i: number | undefined = byName(ref); i !== undefined && i >= 0 && i < stages.length && !used.has(i); i = stages[i].parent) { used.add(i); todo.push(i); }
    }
  }
  const out = stages.flatMap((s, i) => [
    ...(s.base ? [{ ...s.base, conditional: !chain.has(i) }] : []),
    ...s.cmds.map((c) => (used.has(i) ? c : { ...c, conditional: true })),
  ]);
  // What a container of the final image runs, after every install of the image.
  const last = stages[stages.length - 1];
  const env = new ShellScope(); // a shell-form command sees the image's ENVs, not the build's ARGs
  for (const [k, v] of last?.env ?? []) env.set(k, v);
  const run = last && containerRun(last.entry, last.cmd, env, { workdir: last.workdir, copies: last.copies });
  if (run) out.push({ text: '', line: run.line, conditional: false, run: { script: run.script } });
  return out;
}
