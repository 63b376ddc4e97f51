/**
 * How much of the Hub data real scripts load does trainlint's table of known Hub datasets know?
 *
 *     node --import tsx bench/hub-coverage.ts /tmp/corpora [--top 60] [--json out.json]
 *
 * Every `.py` file and notebook (code cells) under the folder, each corpus a subfolder (`owner+name`), is parsed as
 * the engine parses it. A call whose callee ends in `load_dataset` counts when its dataset names a Hub id:
 *  - literal: the first argument (or `path=`) is a string literal;
 *  - resolved: the engine evaluates it to a string (a constant, an f-string of constants, a config dict read with a
 *    literal key: `loadSpecFor`, as the data provider does), though it is not written as a literal.
 * Packaged builders (json, csv, parquet, imagefolder, …) and local paths (./x, /x, ~/x, a file name with an
 * extension) are left out. "Known" means the table has an entry for the id as written (`knownHubDataset`).
 * Printed: calls, files and distinct ids known, and the calls the table answers with columns (the config and split as
 * written are in it, no data_files/data_dir/revision/builder keywords: what a rule can use), for literal ids alone (the
 * count docs/corpus.md gave before session 19) and for literal plus resolved ids; then the most used ids the table does
 * not know.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { documentFor, initParser, ParsedScript } from '../server/src/engine/index';
import { buildFacts } from '../server/src/engine/facts/build';
import { callIndex } from '../server/src/engine/facts/selections';
import { loadSpecFor } from '../server/src/engine/dataset/load-spec';
import { knownHubDataset } from '../server/src/engine/dataset/known-hub-lookup';
import { fromKnownTable } from '../server/src/engine/dataset/cached-provider';
import { KNOWN_HUB_DATASETS } from '../server/src/engine/dataset/known-hub-datasets';

/** Builders packaged with `datasets` (huggingface/datasets src/datasets/packaged_modules/__init__.py, 2.14–4.x). */
const BUILDERS = new Set(['json', 'csv', 'parquet', 'text', 'arrow', 'pandas', 'imagefolder', 'audiofolder', 'videofolder', 'pdffolder',
  'webdataset', 'generator', 'sql', 'xml', 'spark', 'cache', 'niftifolder', 'hdf5', 'lance', 'eval']);
const FILE_EXT = /\.(jsonl?|csv|tsv|parquet|arrow|txt|py|gz|zip|tar|xz|zst|pkl|npy|h5|xlsx?)$/i;
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

export function hubIdOf(s: string): string | undefined {
  if (BUILDERS.has(s) || FILE_EXT.test(s) || !HUB_ID.test(s)) return undefined;
  return s;
}

/** `answered`: the table gives this call's columns (its config and split as written, `fromKnownTable`), not only the id. */
interface Use { corpus: string; file: string; line: number; literal: boolean; answered: boolean }

export function walk(dir: string, out: string[]): void {
  let names: string[];
  try { names = readdirSync(dir); } catch { return; }
  for (const n of names) {
    const p = join(dir, n);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) walk(p, out);
    else if ((n.endsWith('.py') || n.endsWith('.ipynb')) && st.size < 5_000_000) out.push(p);
  }
}

function usesIn(path: string, root: string, into: Map<string, Use[]>): void {
  let doc;
  try { doc = documentFor(path, readFileSync(path, 'utf8')); } catch { return; }
  if (!doc.text.includes('load_dataset')) return;
  const script = ParsedScript.parse(doc.text);
  try {
    const facts = buildFacts(script.syntax);
    const callsByNode = callIndex(facts);
    const rel = relative(root, path);
    const corpus = rel.split('/')[0];
    for (const call of facts.calls) {
      if (!/(^|\.)load_dataset$/.test(call.calleeText)) continue;
      const first = call.positional[0]?.value ?? call.keywords.get('path')?.value;
      if (!first) continue;
      let id: string | undefined;
      let literal = false;
      const spec = loadSpecFor({ scriptPath: path, facts, callsByNode }, call, dirname(path));
      if (first.type === 'string' && !first.text.startsWith('f') && !first.text.startsWith('F')) {
        const v = first.text.replace(/^[rRbBuU]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '');
        id = hubIdOf(v);
        literal = true;
      } else {
        id = spec?.kind === 'load_dataset' && spec.builder !== undefined ? hubIdOf(spec.builder) : undefined;
      }
      if (!id) continue;
      const answered = !!spec && fromKnownTable(spec)?.columns !== undefined;
      const line = call.node.startPosition.row;
      const list = into.get(id) ?? [];
      list.push({ corpus, file: rel, line, literal, answered });
      into.set(id, list);
    }
  } finally {
    script.dispose();
  }
}

function coverage(byId: Map<string, Use[]>, keep: (u: Use) => boolean) {
  let calls = 0, known = 0, answered = 0;
  const files = new Set<string>(), filesKnown = new Set<string>();
  let ids = 0, idsKnown = 0;
  for (const [id, uses] of byId) {
    const kept = uses.filter(keep);
    if (!kept.length) continue;
    const isKnown = knownHubDataset(id) !== undefined;
    ids++;
    if (isKnown) idsKnown++;
    for (const u of kept) {
      calls++;
      files.add(u.file);
      if (isKnown) { known++; filesKnown.add(u.file); }
      if (u.answered) answered++;
    }
  }
  const pct = (a: number, b: number) => `${a.toLocaleString('en')} / ${b.toLocaleString('en')} = ${(100 * a / Math.max(b, 1)).toFixed(1)}%`;
  return { calls: pct(known, calls), answered: pct(answered, calls), files: pct(filesKnown.size, files.size), ids: pct(idsKnown, ids) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = args.find((a) => !a.startsWith('--')) ?? '/tmp/corpora';
  const top = Number(args[args.indexOf('--top') + 1]) || 60;
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  await initParser();
  const files: string[] = [];
  walk(root, files);
  const byId = new Map<string, Use[]>();
  for (const f of files) usesIn(f, root, byId);
  const entries = KNOWN_HUB_DATASETS.length;
  console.log(`${files.length} files under ${root}; table: ${entries} entries`);
  console.log('| counted | calls known | calls answered | files known | ids known |\n|---|---|---|---|---|');
  const lit = coverage(byId, (u) => u.literal);
  const all = coverage(byId, () => true);
  console.log(`| literal ids | ${lit.calls} | ${lit.answered} | ${lit.files} | ${lit.ids} |`);
  console.log(`| literal and resolved ids | ${all.calls} | ${all.answered} | ${all.files} | ${all.ids} |`);
  const unknown = [...byId].filter(([id]) => !knownHubDataset(id))
    .map(([id, uses]) => ({ id, calls: uses.length, repos: new Set(uses.map((u) => u.corpus)).size, resolved: uses.filter((u) => !u.literal).length }))
    .sort((a, b) => b.calls - a.calls || b.repos - a.repos || a.id.localeCompare(b.id));
  console.log(`\nTop ${top} ids the table does not know (calls, corpora, of them resolved):`);
  for (const u of unknown.slice(0, top)) console.log(`${String(u.calls).padStart(5)} ${String(u.repos).padStart(3)} ${String(u.resolved).padStart(3)}  ${u.id}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(Object.fromEntries([...byId].map(([id, uses]) => [id, uses])), null, 1));
}

// Run when executed (bench/printed-loads.ts imports `walk` and `hubIdOf`).
if (/hub-coverage\.ts$/.test(process.argv[1] ?? '')) main().catch((e) => { console.error(e); process.exit(1); });
