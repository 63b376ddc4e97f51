/**
 * How many of the corpora's notebook `load_dataset` calls does the notebook's own saved output answer
 * (`engine/dataset/printed-loads.ts`), and does it agree with trainlint's table of known Hub datasets where both do?
 *
 *     node --import tsx bench/printed-loads.ts /tmp/corpora [--list]
 *
 * Every notebook under the folder is parsed as the CLI parses it (outputs kept). A call counts when its callee ends
 * in `load_dataset` and its first argument (or `path=`) evaluates to a Hub id (`hubIdOf`, as bench/hub-coverage.ts).
 * Printed: calls, those with a dataset repr in the outputs of their cell or the next (the upper bound), those the
 * printed-load rules answer, of them the ids the table does not know, and where both answer, whether the columns agree.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { documentFor, initParser, ParsedScript } from '../server/src/engine/index';
import { buildFacts } from '../server/src/engine/facts/build';
import { callIndex } from '../server/src/engine/facts/selections';
import { loadSpecFor } from '../server/src/engine/dataset/load-spec';
import { fromKnownTable } from '../server/src/engine/dataset/cached-provider';
import { PrintedLoads } from '../server/src/engine/dataset/printed-loads';
import { hubIdOf, walk } from './hub-coverage';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = args.find((a) => !a.startsWith('--')) ?? '/tmp/corpora';
  const list = args.includes('--list');
  await initParser();
  let calls = 0, near = 0, answered = 0, unknownToTable = 0, both = 0, agree = 0;
  const lines: string[] = [];
  const files: string[] = [];
  walk(root, files);
  for (const path of files.filter((f) => f.endsWith('.ipynb'))) {
    let doc;
    try { doc = documentFor(path, readFileSync(path, 'utf8')); } catch { continue; }
    if (!doc.text.includes('load_dataset')) continue;
    const script = ParsedScript.parse(doc.text);
    try {
      const facts = buildFacts(script.syntax);
      const callsByNode = callIndex(facts);
      const printed = PrintedLoads.of(doc, script.syntax);
      for (const call of facts.calls) {
        if (!/(^|\.)load_dataset$/.test(call.calleeText)) continue;
        const spec = loadSpecFor({ scriptPath: path, facts, callsByNode }, call, dirname(path));
        if (spec?.kind !== 'load_dataset' || !spec.builder || !hubIdOf(spec.builder)) continue;
        calls++;
        const row = call.node.startPosition.row;
        const at = doc.cells!.findIndex((c) => row >= c.startLine && row < c.startLine + c.lineCount);
        if (doc.cells![at]?.outputs || doc.cells![at + 1]?.outputs) near++;
        const a = printed?.answer(call, facts);
        if (!a?.columns) continue;
        answered++;
        const t = fromKnownTable(spec);
        if (!t) unknownToTable++;
        if (t?.columns) { both++; if (t.columns.join('\0') === a.columns.join('\0')) agree++; }
        if (list) lines.push(`${relative(root, path)}:${doc.lineLabel(row)} ${spec.builder}${spec.name ? ` (${spec.name})` : ''}${spec.split ? ` [${spec.split}]` : ''}: ${a.columns.join(', ')}${t?.columns ? ` | table: ${t.columns.join(', ')}` : t ? ' | table: no answer' : ''}`);
      }
    } finally {
      script.dispose();
    }
  }
  console.log(`notebook load_dataset calls of Hub ids: ${calls}; with a dataset repr in the outputs of their cell or the next: ${near}; answered by the printed-load rules: ${answered} (ids the table does not know: ${unknownToTable}); answered by both: ${both}, columns the same: ${agree}`);
  for (const l of lines) console.log(l);
}

main().catch((e) => { console.error(e); process.exit(1); });
