import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { camelcaseToSnakecase, datasetsCacheFolderName, findArrowCache } from '../../../server/src/engine/data/datasets-cache';
import { hfCachePaths } from '../../../server/src/engine/data/hf-cache';
import { resolveDataFiles } from '../../../server/src/engine/data/resolve';
import { chatTable, cleanup, makeTmp, writeArrow } from './fixtures';

/** Pairs printed by `datasets.naming.camelcase_to_snakecase` itself (huggingface/datasets main b7cb10b). */
const PYTHON_SNAKECASE: Array<[string, string]> = [
  ['FineTome-100k', 'fine_tome-100k'], ['OpenHermes-2.5', 'open_hermes-2.5'], ['UltraChat', 'ultra_chat'],
  ['Capybara', 'capybara'], ['ultrachat_200k', 'ultrachat_200k'], ['OpenMathReasoning-mini', 'open_math_reasoning-mini'],
  ['LaTeX_OCR', 'la_te_x_ocr'], ['DAPO-Math-17k-Processed', 'dapo-math-17k-processed'], ['GPT4All-J', 'gpt4_all-j'],
  ['DeepMath-103K', 'deep_math-103_k'], ['HH-RLHF', 'hh-rlhf'], ['ABCDef', 'abc_def'], ['x1Y', 'x1_y'], ['TinyStories', 'tiny_stories'],
];

/** A built dataset the way `datasets` writes it: `<root>/<config>/<version>/<hash>/` with dataset_info.json. */
function built(cache: string, rel: string, file: string, rows: number, configName: string, ageSeconds = 0): string {
  const dir = join(cache, rel);
  const split = /-([^-]+?)(?:-\d{5}-of-\d{5})?\.arrow$/.exec(file)![1];
  writeArrow(join(dir, file), chatTable(rows));
  writeFileSync(join(dir, 'dataset_info.json'), JSON.stringify({
    config_name: configName,
    features: { messages: [{ role: { dtype: 'string', _type: 'Value' }, content: { dtype: 'string', _type: 'Value' } }], id: { dtype: 'int64', _type: 'Value' } },
    splits: { [split]: { name: split, num_examples: rows } },
  }));
  if (ageSeconds) { const t = Date.now() / 1000 - ageSeconds; utimesSync(dir, t, t); }
  return dir;
}

describe('data: the datasets Arrow cache, named as datasets names it', () => {
  let home: string;
  let cache: string;
  let env: Record<string, string>;
  const commit = 'c'.repeat(40);
  beforeEach(() => {
    home = makeTmp();
    env = { HF_HOME: home };
    cache = join(home, 'datasets');
    mkdirSync(cache, { recursive: true });
  });
  afterEach(() => cleanup(home));

  it('snake-cases names exactly like datasets.naming.camelcase_to_snakecase', () => {
    for (const [name, snake] of PYTHON_SNAKECASE) assert.equal(camelcaseToSnakecase(name), snake, name);
  });

  it('keeps the namespace as written and snake-cases only the name', () => {
    assert.equal(datasetsCacheFolderName('mlabonne/FineTome-100k'), 'mlabonne___fine_tome-100k');
    assert.equal(datasetsCacheFolderName('teknium/OpenHermes-2.5'), 'teknium___open_hermes-2.5');
    assert.equal(datasetsCacheFolderName('HuggingFaceH4/ultrachat_200k'), 'HuggingFaceH4___ultrachat_200k');
    assert.equal(datasetsCacheFolderName('stingning/UltraChat'), 'stingning___ultra_chat');
    assert.equal(datasetsCacheFolderName('gsm8k'), 'gsm8k');
  });

  it('finds CamelCase datasets cached by datasets 2.16–4.x (default config)', async () => {
    built(cache, `mlabonne___fine_tome-100k/default/0.0.0/${commit}`, 'fine_tome-100k-train.arrow', 5, 'default');
    built(cache, `trl-lib___capybara/default/0.0.0/${commit}`, 'capybara-train.arrow', 3, 'default');
    built(cache, `HuggingFaceH4___ultrachat_200k/default/0.0.0/${commit}`, 'ultrachat_200k-train_sft.arrow', 4, 'default');
    for (const [id, split, rows] of [['mlabonne/FineTome-100k', 'train', 5], ['trl-lib/Capybara', 'train', 3], ['HuggingFaceH4/ultrachat_200k', 'train_sft', 4]] as const) {
      const r = await resolveDataFiles({ kind: 'load_dataset', cwd: home, builder: id }, { env });
      assert.ok(r.ok, `${id}: ${!r.ok && r.error}`);
      assert.equal(r.source.origin, 'datasets-cache');
      assert.deepEqual(Object.keys(r.source.splits), [split]);
      assert.deepEqual(r.source.metadata?.rowCounts, { [split]: rows });
    }
    // The old guess (lower-cased name) is not how datasets names it.
    const lower = await resolveDataFiles({ kind: 'load_dataset', cwd: home, builder: 'teknium/OpenHermes-2.5' }, { env });
    assert.equal(lower.ok, false);
    built(cache, `teknium___open_hermes-2.5/default/0.0.0/${commit}`, 'open_hermes-2.5-train-00000-of-00002.arrow', 2, 'default');
    writeArrow(join(cache, `teknium___open_hermes-2.5/default/0.0.0/${commit}`, 'open_hermes-2.5-train-00001-of-00002.arrow'), chatTable(2));
    const hermes = await findArrowCache('teknium/OpenHermes-2.5', hfCachePaths(env, home));
    assert.equal(hermes?.splits.train.length, 2, 'both shards of the split');
  });

  it('narrows to the config named in the script, else the default, else the only one cached', async () => {
    built(cache, `openai___gsm8k/main/0.0.0/${commit}`, 'gsm8k-train.arrow', 7, 'main');
    built(cache, `openai___gsm8k/socratic/0.0.0/${commit}`, 'gsm8k-train.arrow', 2, 'socratic');
    const paths = hfCachePaths(env, home);
    assert.deepEqual((await findArrowCache('openai/gsm8k', paths, 'main'))?.metadata.rowCounts, { train: 7 });
    assert.deepEqual((await findArrowCache('openai/gsm8k', paths, 'socratic'))?.metadata.rowCounts, { train: 2 });
    assert.equal(await findArrowCache('openai/gsm8k', paths), undefined, 'two configs and none named: datasets asks which');
    assert.equal(await findArrowCache('openai/gsm8k', paths, 'other'), undefined);
    built(cache, `open-r1___dapo-math-17k-processed/en/0.0.0/${commit}`, 'dapo-math-17k-processed-train.arrow', 9, 'en');
    assert.deepEqual((await findArrowCache('open-r1/DAPO-Math-17k-Processed', paths))?.metadata.rowCounts, { train: 9 }, 'the only config');
  });

  it('takes the newest build, and skips a folder built with other data_files', async () => {
    built(cache, `mlabonne___fine_tome-100k/default/0.0.0/${'a'.repeat(40)}`, 'fine_tome-100k-train.arrow', 1, 'default', 3600);
    built(cache, `mlabonne___fine_tome-100k/default/0.0.0/${'b'.repeat(40)}`, 'fine_tome-100k-train.arrow', 2, 'default');
    const paths = hfCachePaths(env, home);
    assert.deepEqual((await findArrowCache('mlabonne/FineTome-100k', paths))?.metadata.rowCounts, { train: 2 });
    // datasets 2.16+ with data_files=…: `default-<suffix>/0.0.0/<commit>` is a subset, not this dataset.
    built(cache, `vicgalle___alpaca-gpt4/default-0123456789abcdef/0.0.0/${commit}`, 'alpaca-gpt4-train.arrow', 1, 'default');
    assert.equal(await findArrowCache('vicgalle/alpaca-gpt4', paths), undefined);
    // With data_files in the script the folder's hash cannot be told: not used.
    assert.equal(await findArrowCache('mlabonne/FineTome-100k', paths, undefined, { customFiles: true }), undefined);
  });

  it('reads the layouts of datasets 2.14/2.15 and 2.13', async () => {
    const paths = hfCachePaths(env, home);
    built(cache, `mlabonne___fine_tome-100k/default-5d1e2c3b4a596877/0.0.0/${'e'.repeat(64)}`, 'fine_tome-100k-train.arrow', 6, 'default');
    assert.deepEqual((await findArrowCache('mlabonne/FineTome-100k', paths))?.metadata.rowCounts, { train: 6 });
    built(cache, `yahma___json/yahma--alpaca-cleaned-5d24553f76c14acc/0.0.0/${'f'.repeat(64)}`, 'json-train.arrow', 8, 'yahma--alpaca-cleaned');
    const old = await findArrowCache('yahma/alpaca-cleaned', paths);
    assert.deepEqual(old?.metadata.rowCounts, { train: 8 });
    assert.match(old!.splits.train[0], /yahma___json\/yahma--alpaca-cleaned-5d24553f76c14acc\/0\.0\.0\/f{64}\/json-train\.arrow$/);
    assert.equal(await findArrowCache('yahma/alpaca-cleaned', paths, 'other'), undefined);
  });

  it('looks up the hub snapshot with the id’s case kept (datasets--owner--Name)', async () => {
    const snap = join(home, 'hub', 'datasets--mlabonne--FineTome-100k', 'snapshots', commit);
    mkdirSync(join(home, 'hub', 'datasets--mlabonne--FineTome-100k', 'refs'), { recursive: true });
    writeFileSync(join(home, 'hub', 'datasets--mlabonne--FineTome-100k', 'refs', 'main'), commit);
    writeArrow(join(snap, 'data', 'train-00000-of-00001.arrow'), chatTable(2));
    const r = await resolveDataFiles({ kind: 'load_dataset', cwd: home, builder: 'mlabonne/FineTome-100k' }, { env });
    assert.ok(r.ok && r.source.origin === 'hub-cache' && r.source.root === snap);
    const other = await resolveDataFiles({ kind: 'load_dataset', cwd: home, builder: 'mlabonne/finetome-100k' }, { env });
    assert.equal(other.ok, false, 'huggingface_hub would use datasets--mlabonne--finetome-100k');
  });
});
