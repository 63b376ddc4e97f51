/**
 * Edits a `.ipynb` file's cell sources inside its original JSON text: every byte outside the
 * edited `source` values stays (integers past 2^53, key order, `\uXXXX` escapes, CRLF, indentation),
 * which re-serialising the parsed JSON would not keep. Inside an edited source, lines that did not
 * change keep their original JSON text.
 */

export interface SourceSpan {
  /** Index of the cell in `cells`. */
  cell: number;
  /** The `source` value's JSON text is [start, end). */
  start: number;
  end: number;
  kind: 'string' | 'array';
  /** For arrays: each element's JSON text span. */
  items: Array<[number, number]>;
}

class Scanner {
  constructor(readonly s: string, public i = 0) {}
  ws(): void { while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i])) this.i++; }
  fail(what: string): never { throw new Error(`not valid notebook JSON: ${what} at character ${this.i}`); }
  expect(c: string): void { this.ws(); if (this.s[this.i] !== c) this.fail(`expected "${c}"`); this.i++; }
  /** Skips a string; returns its [start, end). */
  string(): [number, number] {
    this.ws();
    const start = this.i;
    if (this.s[this.i] !== '"') this.fail('expected a string');
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i];
      if (c === '\\') { this.i++; continue; }
      if (c === '"') { this.i++; return [start, this.i]; }
    }
    return this.fail('unterminated string');
  }
  /** Skips any value; returns its [start, end). */
  value(): [number, number] {
    this.ws();
    const start = this.i;
    const c = this.s[this.i];
    if (c === '"') return this.string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.i++;
      this.ws();
      if (this.s[this.i] === close) { this.i++; return [start, this.i]; }
      for (;;) {
        if (c === '{') { this.string(); this.expect(':'); }
        this.value();
        this.ws();
        if (this.s[this.i] === ',') { this.i++; continue; }
        if (this.s[this.i] === close) { this.i++; return [start, this.i]; }
        this.fail(`expected "," or "${close}"`);
      }
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) this.fail('unexpected character');
    this.i += m[0].length;
    return [start, this.i];
  }
  /** Iterates an object's members: calls `member(key)` positioned at the value; it must consume it. */
  object(member: (key: string) => void): void {
    this.expect('{');
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return; }
    for (;;) {
      const [a, b] = this.string();
      this.expect(':');
      member(JSON.parse(this.s.slice(a, b)) as string);
      this.ws();
      if (this.s[this.i] === ',') { this.i++; continue; }
      if (this.s[this.i] === '}') { this.i++; return; }
      this.fail('expected "," or "}"');
    }
  }
}

/** Where each cell's `source` value is in the notebook's JSON text. */
export function sourceSpans(json: string): SourceSpan[] {
  const sc = new Scanner(json, json.charCodeAt(0) === 0xfeff ? 1 : 0);
  const spans: SourceSpan[] = [];
  sc.object((key) => {
    if (key !== 'cells') { sc.value(); return; }
    sc.expect('[');
    sc.ws();
    if (json[sc.i] === ']') { sc.i++; return; }
    for (let cell = 0; ; cell++) {
      sc.ws();
      if (json[sc.i] !== '{') sc.value();
      else sc.object((k) => {
        if (k !== 'source') { sc.value(); return; }
        sc.ws();
        const start = sc.i;
        if (json[sc.i] === '[') {
          const items: Array<[number, number]> = [];
          sc.i++;
          sc.ws();
          if (json[sc.i] !== ']') {
            for (;;) {
              items.push(sc.value());
              sc.ws();
              if (json[sc.i] === ',') { sc.i++; continue; }
              break;
            }
          }
          sc.expect(']');
          spans.push({ cell, start, end: sc.i, kind: 'array', items });
        } else {
          const [a, b] = sc.value();
          spans.push({ cell, start: a, end: b, kind: 'string', items: [] });
        }
      });
      sc.ws();
      if (json[sc.i] === ',') { sc.i++; continue; }
      sc.expect(']');
      return;
    }
  });
  return spans;
}

/** A JSON string for `text`, escaping non-ASCII as `\uXXXX` when the file does. */
function jsonString(text: string, ascii: boolean): string {
  const s = JSON.stringify(text);
  return ascii ? s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : s;
}

/** The notebook JSON with new texts for some cells (by index); every other byte kept. */
export function editNotebookSources(json: string, texts: Map<number, string>): string {
  const spans = sourceSpans(json);
  // eslint-disable-next-line no-control-regex
  const ascii = !/[^\u0000-\u007f]/.test(json);
  let out = json;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    const text = texts.get(span.cell);
    if (text === undefined) continue;
    let value: string;
    if (span.kind === 'string') {
      value = jsonString(text, ascii);
    } else {
      // Unchanged lines keep their JSON text; the layout is the array's own.
      const reuse = new Map<string, string[]>();
      for (const [a, b] of span.items) {
        const raw = json.slice(a, b);
        const key = JSON.parse(raw) as string;
        reuse.set(key, [...(reuse.get(key) ?? []), raw]);
      }
      const lines = text.split(/(?<=\n)/).filter((l) => l !== '');
      const items = lines.map((l) => reuse.get(l)?.shift() ?? jsonString(l, ascii));
      if (span.items.length === 0) value = `[${items.join(', ')}]`;
      else {
        const first = span.items[0];
        const last = span.items[span.items.length - 1];
        const open = json.slice(span.start + 1, first[0]);
        const close = json.slice(last[1], span.end - 1);
        const sep = span.items.length > 1 ? json.slice(span.items[0][1], span.items[1][0]) : `,${open}`;
        value = items.length === 0 ? '[]' : `[${open}${items.join(sep)}${close}]`;
      }
    }
    out = out.slice(0, span.start) + value + out.slice(span.end);
  }
  return out;
}
