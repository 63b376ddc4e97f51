/**
 * Variables in the installs of a project's Dockerfiles and shell scripts: `pip install transformers==${TF_VERSION}` after
 * `ARG TF_VERSION=4.46.0`, `ENV TRL_VERSION=0.12.0` or a shell script's `TRL_VERSION=0.12.0`. Only what is provably the
 * value is read: a Dockerfile's `ARG` default (a build argument may override it, and messages say so), an `ENV`, a shell
 * assignment that always runs before the install, and the default of `${NAME:-default}` when nothing in the file sets
 * NAME. A name set under an `if`, in a loop or a function, by `read`, from a command substitution, after `source`, or
 * never declared is unknown, and a word that uses it is left unread (`installCommand` skips words with `$`).
 */

/** What a name holds where a command runs: its value and the source text that says so, or unknown. */
export type ShellValue = { value: string; via: string } | { unknown: true } | { declared: true; via: string };

/** Names → values in one shell (a script, or one `RUN` with the image's `ARG`s and `ENV`s). */
export class ShellScope {
  private readonly names = new Map<string, ShellValue>();
  private everythingUnknown = false;

  /**
   * `unset`: for a name nothing in the file sets, why `${NAME:-d}` is `d` ("unless the environment sets NAME"), or
   * undefined when that default proves nothing (a Dockerfile: the base image's `ENV` may set it).
   */
  constructor(private readonly unset?: (name: string) => string | undefined, from?: ShellScope) {
    if (!from) return;
    for (const [k, v] of from.names) this.names.set(k, v);
    this.everythingUnknown = from.everythingUnknown;
    this.unset = unset ?? from.unset;
  }

  copy(): ShellScope { return new ShellScope(undefined, this); }
  set(name: string, v: ShellValue): void { this.names.set(name, v); }
  get(name: string): ShellValue | undefined { return this.names.get(name); }
  /** Every name becomes unknown (`source other.sh`: it may set any). */
  forgetAll(): void { this.everythingUnknown = true; this.names.clear(); }

  /** `$NAME`, `${NAME}`, `${NAME:-d}` / `${NAME-d}`: the value and why, or undefined. */
  lookup(name: string, dflt: string | undefined, colon: boolean): { value: string; via?: string } | undefined {
    const v = this.names.get(name);
    if (v && 'value' in v) {
      if (dflt !== undefined && colon && v.value === '') return { value: dflt, via: `the default of \`\${${name}:-${dflt}}\`` };
      return { value: v.value, via: v.via };
    }
    if (dflt === undefined || this.everythingUnknown || (v && 'unknown' in v)) return undefined;
    const unless = v && 'declared' in v ? `unless a build argument sets ${name} (${v.via})` : this.unset?.(name);
    return unless ? { value: dflt, via: `the default of \`\${${name}${colon ? ':-' : '-'}${dflt}}\`, ${unless}` } : undefined;
  }
}

const NAME = /^[A-Za-z_]\w*/;

/**
 * `text` with its variables expanded where `scope` knows them, quotes kept; an unknown one stays as written. `vias`:
 * the source text behind each expansion, by the word (split as a shell splits it, quotes removed) it ended up in.
 */
export function expandShell(text: string, scope: ShellScope): { text: string; vias: Map<string, string[]> } {
  const vias = new Map<string, string[]>();
  const starts = chunkStarts(text);
  let out = starts.length ? text.slice(0, starts[0]) : text;
  starts.forEach((s, k) => {
    const chunk = text.slice(s, k + 1 < starts.length ? starts[k + 1] : text.length);
    const used: string[] = [];
    const expanded = expandChunk(chunk, scope, used);
    out += expanded;
    if (used.length) for (const w of splitWords(expanded)) vias.set(w.text, [...new Set([...(vias.get(w.text) ?? []), ...used])]);
  });
  return { text: out, vias };
}

/** One word (with the whitespace after it) expanded; `used`: the source text of each expansion. */
function expandChunk(text: string, scope: ShellScope, used: string[]): string {
  let out = '', q = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q === "'") { out += c; if (c === "'") q = ''; continue; }
    if (c === '\\' && i + 1 < text.length) { out += c + text[i + 1]; i++; continue; }
    if (c === "'") { q = "'"; out += c; continue; }
    if (c === '"') { q = q ? '' : '"'; out += c; continue; }
    if (c !== '$') { out += c; continue; }
    const rest = text.slice(i + 1);
    let name: string | undefined, dflt: string | undefined, colon = false, len = 0;
    const braced = /^\{([A-Za-z_]\w*)(?:(:?)-([^}]*))?\}/.exec(rest);
    if (braced) { name = braced[1]; colon = braced[2] === ':'; dflt = braced[3]; len = braced[0].length; }
    else { const m = NAME.exec(rest); if (m) { name = m[0]; len = m[0].length; } }
    const found = name !== undefined && !(dflt !== undefined && /[$`]/.test(dflt)) ? scope.lookup(name, dflt, colon) : undefined;
    if (!found || /[`$"'\\]/.test(found.value)) { out += c; continue; }
    out += found.value;
    if (found.via) used.push(found.via);
    i += len;
  }
  return out;
}

/** Start offsets of the whitespace-separated chunks (outside quotes) of `s`. */
function chunkStarts(s: string): number[] {
  const starts: number[] = [];
  let q = '', inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) { if (c === q) q = ''; continue; }
    if (/\s/.test(c)) { inWord = false; continue; }
    if (!inWord) { starts.push(i); inWord = true; }
    if (c === '"' || c === "'") q = c;
    else if (c === '\\') i++;
  }
  return starts;
}

/** Shell words of `s` with quotes removed, and where each starts. */
export function splitWords(s: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let cur: string | undefined, start = 0, q = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) { if (c === q) q = ''; else cur += c; continue; }
    if (/\s/.test(c)) { if (cur !== undefined) out.push({ text: cur, start }); cur = undefined; continue; }
    if (cur === undefined) { cur = ''; start = i; }
    if (c === '"' || c === "'") q = c;
    else if (c === '\\' && i + 1 < s.length) cur += s[++i];
    else cur += c;
  }
  if (cur !== undefined) out.push({ text: cur, start });
  return out;
}

/**
 * A shell assignment segment (`NAME=value`, `export NAME=value`, `readonly`, `declare`, several names): the names and
 * their values (expanded, quotes removed; undefined when not provable), or undefined when the segment is no assignment.
 * `NAME=value command` assigns only for that command: no assignment of the shell.
 */
export function shellAssignment(segment: string, scope: ShellScope): Array<{ name: string; value?: string; text: string; vias?: string[] }> | undefined {
  const p = segment.trim().replace(/^(?:export|readonly|declare(?:\s+-\w+)*|typeset(?:\s+-\w+)*)\s+/, '');
  const words = chunkStarts(p).map((s, k, all) => p.slice(s, k + 1 < all.length ? all[k + 1] : p.length).trim());
  if (!words.length || !words.every((w) => /^[A-Za-z_]\w*=/.test(w))) return undefined;
  return words.map((w) => {
    const name = /^[A-Za-z_]\w*/.exec(w)![0];
    const raw = w.slice(name.length + 1);
    if (/\$\(|`/.test(raw)) return { name, text: w };
    const { text, vias } = expandShell(raw, scope);
    if (/\$/.test(text.replace(/'[^']*'/g, ''))) return { name, text: w };
    const parts = splitWords(text);
    const used = [...new Set([...vias.values()].flat())];
    return { name, value: parts.length ? parts.map((x) => x.text).join(' ') : '', text: w, ...(used.length ? { vias: used } : {}) };
  });
}

/** Commands that set names the file does not show: `read NAME`, `for NAME in`, `unset NAME`, `source`, `.`, `eval`. */
export function shellUnknowns(segment: string): string[] | 'all' | undefined {
  const p = segment.trim();
  if (/^(?:source|\.|eval)\s/.test(p)) return 'all';
  const read = /^(?:read|mapfile|readarray)\b(.*)$/.exec(p);
  if (read) return read[1].split(/\s+/).filter((w) => /^[A-Za-z_]\w*$/.test(w));
  const loop = /^(?:for|select)\s+([A-Za-z_]\w*)\b/.exec(p);
  if (loop) return [loop[1]];
  const unset = /^unset\s+(.*)$/.exec(p);
  if (unset) return unset[1].split(/\s+/).filter((w) => /^[A-Za-z_]\w*$/.test(w));
  return undefined;
}
