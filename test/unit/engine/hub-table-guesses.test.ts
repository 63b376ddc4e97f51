/**
 * No finding from a guess (session 19): a Hub dataset that is neither cached nor in trainlint's table of known datasets,
 * or is only partly in it, must not give a warning or an error that rests on columns, types, configs or splits nobody
 * read. Two checks:
 *  - every fixture that loads a Hub dataset by a literal id, linted as on a clean machine with each id replaced by one
 *    the table does not know, gets exactly the warnings and errors it gets when the source is computed at run time
 *    (`load_dataset(os.environ["D"], …)`): an unknown id adds nothing an unknown source would not;
 *  - the partly known entries (types not read, a split list not known complete, a config not read, several configs
 *    and none named, a config not listed) stay quiet where the same script fires on a fully known entry.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { knownHubDataset } from '../../../server/src/engine/dataset/known-hub-lookup';
import { cleanup, makeTmp } from '../data/fixtures';
import { lintThroughTable } from './hub-table-lint';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const LITERAL_LOAD = /load_dataset\(\s*(["'])([A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)?)\1/g;
const BUILDERS = new Set(['json', 'csv', 'parquet', 'text', 'arrow', 'pandas', 'imagefolder', 'audiofolder', 'webdataset', 'generator', 'sql']);

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return pythonFiles(p);
    return n.endsWith('.py') && !n.endsWith('.fixed.py') ? [p] : [];
  });
}

/** Each literal Hub id of a `load_dataset` call replaced by what `to` makes of it (builders and file names kept). */
function replaceHubIds(text: string, to: (quote: string, index: number) => string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(LITERAL_LOAD, (all, quote: string, id: string) => {
    if (BUILDERS.has(id) || /\.(jsonl?|csv|parquet|txt|py)$/.test(id)) return all;
    return `load_dataset(${to(quote, count++)}`;
  });
  return { text: out, count };
}

describe('engine: no finding from a guess about a Hub dataset (session 19)', () => {
  let home: string;
  before(async () => { await initParser(); home = makeTmp(); });
  after(() => cleanup(home));

  async function warnings(text: string, codes?: string[]): Promise<string[]> {
    const r = await lintThroughTable(home, text);
    try {
      return r.diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && (!codes || codes.includes(d.code)))
        .map((d) => `${d.range.start.line}:${d.code} ${d.severity}`).sort();
    } finally { r.dispose(); }
  }

  it('every fixture: an id the table does not know gives the warnings and errors of a source computed at run time, no more', async () => {
    let checked = 0;
    const differ: string[] = [];
    for (const path of pythonFiles(FIXTURES)) {
      const text = readFileSync(path, 'utf8');
      const unknown = replaceHubIds(text, (q, i) => `${q}trainlint-audit/not-in-the-table-${i}${q}`);
      if (!unknown.count) continue;
      const opaque = replaceHubIds(text, () => '__import__("os").environ["D"]');
      assert.ok(!knownHubDataset('trainlint-audit/not-in-the-table-0'));
      checked++;
      const a = await warnings(unknown.text), b = await warnings(opaque.text);
      const extra = a.filter((k) => !b.includes(k));
      if (extra.length) differ.push(`${path.slice(FIXTURES.length + 1)}: ${extra.join(', ')}`);
    }
    assert.ok(checked >= 40, `${checked} fixtures load a Hub dataset by a literal id`);
    assert.deepEqual(differ, []);
  });

  const sft = (load: string, field: string) => `# pip install trl==0.19.1
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
ds = ${load}
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", dataset_text_field="${field}"))
`;

  it('TL106: fires on a fully known config; quiet on an unknown id, a config not named among several, a config not read or not listed', async () => {
    assert.deepEqual(await warnings(sft('load_dataset("banking77", split="train")', 'sentence'), ['TL106']), ['4:TL106 error']);
    assert.deepEqual(await warnings(sft('load_dataset("banking77", split="train")', 'text'), ['TL106']), []);
    for (const load of [
      'load_dataset("nobody/banking77", split="train")',
      'load_dataset("tweet_eval", split="train")', // 11 configs, none named, no default
      'load_dataset("tweet_eval", "hate", split="train")', // a config whose columns were not read (otherConfigs)
      'load_dataset("gsm8k", "socratic", split="train")', // configsNotRead
      'load_dataset("abisee/cnn_dailymail", split="train")', // three configs, none named
    ]) assert.deepEqual(await warnings(sft(load, 'sentence'), ['TL106']), [], load);
  });

  it('TL106 on the session-20 entries (read in printed notebook outputs): fires on a config read whole, quiet where it was not', async () => {
    assert.deepEqual(await warnings(sft('load_dataset("hieunguyenminh/roleplay", split="train")', 'content'), ['TL106']), ['4:TL106 error']);
    assert.deepEqual(await warnings(sft('load_dataset("hieunguyenminh/roleplay", split="train")', 'text'), ['TL106']), []);
    assert.deepEqual(await warnings(sft('load_dataset("Salesforce/dialogstudio", "TweetSumm", split="train")', 'text'), ['TL106']), ['4:TL106 error']);
    for (const load of [
      'load_dataset("nobody/roleplay", split="train")',
      'load_dataset("HuggingFaceTB/smoltalk2", split="train")', // configs, none named
      'load_dataset("Salesforce/dialogstudio", "SAMSum", split="train")', // a config not read (otherConfigs)
      'load_dataset("Shitao/MLDR", "fr", split="dev")', // a config not read
      'load_dataset("hieunguyenminh/roleplay", split="train", revision="v2")', // another revision may be other data
      'load_dataset("hieunguyenminh/roleplay", split="train", data_dir="extra")', // another folder may be other data
    ]) assert.deepEqual(await warnings(sft(load, 'content'), ['TL106']), [], load);
  });

  it('TL114: a split missing from a complete list fires; an unverified list, an unknown id or an unnamed config do not', async () => {
    const load = (args: string) => `from datasets import load_dataset\nds = load_dataset(${args})\n`;
    assert.deepEqual(await warnings(load('"google/boolq", split="test"'), ['TL114']), ['1:TL114 error']);
    assert.deepEqual(await warnings(load('"google/boolq", split="validation"'), ['TL114']), []);
    for (const args of [
      '"nobody/boolq", split="test"',
      '"mlabonne/guanaco-llama2-1k", split="test"', // its list is not known complete
      '"trl-lib/tldr", split="dev"', // built by a script: not known complete
      '"tweet_eval", split="dev"', // several configs, none named
    ]) assert.deepEqual(await warnings(load(args), ['TL114']), [], args);
    // librispeech_asr "clean" has train.100 and train.360, no "train" (its dataset_infos.json at 2.5.2).
    assert.deepEqual(await warnings(load('"librispeech_asr", "clean", split="train"'), ['TL114']), ['1:TL114 error']);
    assert.deepEqual(await warnings(load('"librispeech_asr", "clean", split="train.100"'), ['TL114']), []);
    // Lists completed in session 19 from the corpora's "Generating … split" lines and a file list.
    assert.deepEqual(await warnings(load('"kaxap/pg-wikiSQL-sql-instructions-80k", split="validation"'), ['TL114']), []);
    assert.deepEqual(await warnings(load('"kaxap/pg-wikiSQL-sql-instructions-80k", split="dev"'), ['TL114']), ['1:TL114 error']);
    assert.deepEqual(await warnings(load('"Jiayi-Pan/Countdown-Tasks-3to4", split="test"'), ['TL114']), ['1:TL114 error']);
    assert.deepEqual(await warnings(load('"Amod/mental_health_counseling_conversations", split="test"'), ['TL114']), ['1:TL114 error']);
    // Session 20: a split list read from a printed whole load is complete; one read with split= is not.
    assert.deepEqual(await warnings(load('"alfredodeza/wine-ratings", split="dev"'), ['TL114']), ['1:TL114 error']);
    assert.deepEqual(await warnings(load('"alfredodeza/wine-ratings", split="validation"'), ['TL114']), []);
    assert.deepEqual(await warnings(load('"nielsr/breast-cancer", split="test"'), ['TL114']), []);
    assert.deepEqual(await warnings(load('"jamescalam/ai-arxiv2-semantic-chunks", split="test"'), ['TL114']), []);
    const dict = (id: string) => `from datasets import load_dataset\nds = load_dataset("${id}")\nx = ds["test"]\n`;
    assert.deepEqual(await warnings(dict('google/boolq'), ['TL114']), ['2:TL114 error']);
    assert.deepEqual(await warnings(dict('nobody/boolq'), ['TL114']), []);
    assert.deepEqual(await warnings(dict('mlabonne/guanaco-llama2-1k'), ['TL114']), []);
  });

  it('TL002: a label of a class type fires; a label whose type was not read does not', async () => {
    const causal = (load: string) => `from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments
tok = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
ds = ${load}
ds = ds.map(lambda b: tok(b["text"], truncation=True), batched=True, remove_columns=["text"])
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=ds)
`;
    const fires = await warnings(causal('load_dataset("banking77", split="train")'), ['TL002']);
    assert.equal(fires.length, 1, 'banking77 label is a ClassLabel of 77 intents');
    // dair-ai/emotion: text and label read, the label's type not read.
    assert.deepEqual(await warnings(causal('load_dataset("dair-ai/emotion", split="train")'), ['TL002']), []);
    assert.deepEqual(await warnings(causal('load_dataset("nobody/emotion", split="train")'), ['TL002']), []);
  });
});
