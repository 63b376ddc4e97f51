// Reads an output dir of run.sh: one <corpus>.json per corpus (the CLI's `--format json` array) and status.tsv.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const SEVERITIES = ['error', 'warning', 'information', 'hint'];
export const LETTER = { error: 'E', warning: 'W', information: 'I', hint: 'H' };

/** Map corpus → findings, each { corpus, file (relative to the corpus), line, code, severity, message }. */
export function readRun(dir) {
  const runs = new Map();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const corpus = f.slice(0, -'.json'.length);
    const items = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    runs.set(corpus, items.map((d) => {
      const file = relativeTo(d.path, corpus);
      // Messages name files by absolute path ("pinned in /tmp/corpora/x+y/requirements.txt"): drop the corpus root.
      const root = d.path.slice(0, d.path.length - file.length);
      return { corpus, file, line: d.range?.start?.line ?? 0, code: d.code, severity: d.severity, message: d.message.split(root).join('') };
    }));
  }
  return runs;
}

/** The path inside its corpus folder: everything after the "/<corpus>/" segment (absolute paths differ by machine). */
function relativeTo(path, corpus) {
  const i = path.lastIndexOf(`/${corpus}/`);
  return i >= 0 ? path.slice(i + corpus.length + 2) : path;
}

/** Map corpus → { status, exit, seconds } from status.tsv (the last line of a corpus wins, as a rerun appends). */
export function readStatus(dir) {
  const file = join(dir, 'status.tsv');
  const out = new Map();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [corpus, status, exit, seconds] = line.split('\t');
    if (corpus) out.set(corpus, { status, exit: Number(exit), seconds: Number(seconds) });
  }
  return out;
}

export function emptyCounts() {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

/** "1,458 / 676 / 4,546" (hints appended only when there are any). */
export function formatCounts(c) {
  const n = (x) => x.toLocaleString('en-US');
  return `${n(c.error)} / ${n(c.warning)} / ${n(c.information)}${c.hint ? ` (+${n(c.hint)} H)` : ''}`;
}
