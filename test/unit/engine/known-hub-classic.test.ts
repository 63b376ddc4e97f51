/** The classic part of the table of known Hub datasets (GLUE, wikitext, IMDb, SQuAD, SAMSum, …) on realistic scripts. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownHubDataset, lookupKnownHubDataset } from '../../../server/src/engine/dataset/known-hub-lookup';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { cleanup, makeTmp } from '../data/fixtures';
import { actualKeys, expectedFromAnnotations } from '../helpers';
import { lintThroughTable } from './hub-table-lint';

describe('engine: the classic Hub datasets of the known table', () => {
  let home: string;
  before(async () => { await initParser(); home = makeTmp(); });
  after(() => cleanup(home));
  const analyse = (text: string) => lintThroughTable(home, text);

  it('session 14: realistic scripts on table datasets (test/fixtures/known-hub) fire where annotated, naming the dated table; near misses stay quiet', async () => {
    const dir = join(__dirname, '..', '..', 'fixtures', 'known-hub');
    const COLUMN_RULES = new Set(['TL001', 'TL002', 'TL105', 'TL106', 'TL407']);
    const files = readdirSync(dir).filter((f) => f.endsWith('.py'));
    assert.ok(files.length >= 5);
    const messages = new Map<string, string[]>();
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const r = await analyse(text);
      try {
        const got = r.diagnostics.filter((d) => COLUMN_RULES.has(d.code));
        const want = expectedFromAnnotations(text).filter((k) => COLUMN_RULES.has(k.split(':')[1]));
        assert.deepEqual(actualKeys(got), want, `${f}\n${got.map((d) => `${d.range.start.line}:${d.code} ${d.message}`).join('\n')}`);
        for (const d of got) assert.match(d.message, /trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}/, `${f}: ${d.message}`);
        messages.set(f, got.map((d) => `${d.code} ${d.severity} ${d.message} [fixes: ${d.fixes.map((x) => x.title).join('; ')}]`));
      } finally { r.dispose(); }
    }
    // imdb's label is a ClassLabel: one class id per row reaches a causal LM as "labels" (an error, no collator-only fix).
    const imdb = messages.get('hub_class_label_causal_lm.py')!.join('\n');
    assert.match(imdb, /^TL002 error .*only label column is "label" \(columns: label, input_ids, attention_mask, starting from the columns of imdb in trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}\), of type class_label\[neg, pos\].*AutoModelForCausalLM needs a token id per position.*Expected input batch_size/);
    assert.match(imdb, /\[fixes: \]$/);
    const tomatoes = messages.get('hub_class_label_padding_collator.py')!.join('\n');
    assert.match(tomatoes, /^TL001 error .*of type class_label\[neg, pos\]: one value per row, which DataCollatorWithPadding passes to the model as "labels"/);
    assert.match(tomatoes, /\[fixes: \]$/);
    // The thirteenth pass's miss: a masked LM on wikitext with the default collator, and the collator that fixes it.
    assert.match(messages.get('hub_wikitext_masked_lm.py')!.join('\n'), /^TL002 error .*columns of wikitext in trainlint's table .*AutoModelForMaskedLM trains on masked tokens: pass `data_collator=DataCollatorForLanguageModeling\(tokenizer\)`/);
    assert.match(messages.get('hub_samsum_text_field.py')!.join('\n'), /^TL106 error .*columns of samsum from trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}: id, dialogue, summary/);
    // squad for extractive QA without the answer span: the message says which columns the head trains on.
    assert.match(messages.get('hub_squad_qa_no_positions.py')!.join('\n'), /^TL002 error .*columns of squad in trainlint's table .*AutoModelForQuestionAnswering trains on "start_positions" and "end_positions"/);
  });

  it('session 14: a label type is only what was read, and a map that writes the column drops it', () => {
    const imdb = lookupKnownHubDataset('imdb', undefined, 'train');
    assert.ok(imdb && !('why' in imdb));
    assert.equal(imdb.columns.find((c) => c.name === 'label')?.type, 'class_label[neg, pos]');
    const sst2 = lookupKnownHubDataset('glue', 'rte', 'train');
    assert.ok(sst2 && !('why' in sst2) && sst2.columns.find((c) => c.name === 'label')?.type === 'unknown', 'rte: not read');
    assert.match((lookupKnownHubDataset('glue', undefined, 'train') as { why: string }).why, /several configs/);
    // Session 26: wnli (and ax, mnli_matched, mnli_mismatched) completed from glue's 2.5.2 loading script; a config it does not build stays unanswered.
    const wnli = lookupKnownHubDataset('glue', 'wnli', 'train');
    assert.ok(wnli && !('why' in wnli) && wnli.rowCount === 635);
    assert.deepEqual(wnli.columns.map((c) => c.name), ['sentence1', 'sentence2', 'label', 'idx']);
    assert.equal(knownHubDataset('glue')?.configsNotRead, undefined);
    assert.match((lookupKnownHubDataset('glue', 'mnli-mm', 'train') as { why: string }).why, /has no config "mnli-mm"/);
    assert.deepEqual(Object.keys((lookupKnownHubDataset('wikitext', 'wikitext-2-v1', undefined) as { entry: { configs: object } }).entry.configs).length, 4);
    const sg = knownHubDataset('super_glue')!;
    assert.equal(sg.otherConfigs, undefined, 'all eleven configs of the script are listed');
    assert.match((lookupKnownHubDataset('super_glue', 'wic', 'validation') as { why?: string; rowCount?: number }).rowCount?.toString() ?? '', /^638$/);
    assert.match((lookupKnownHubDataset('super_glue', 'wsc.fixed', 'dev') as { why: string }).why, /no split "dev"/);
    assert.match((lookupKnownHubDataset('PolyAI/minds14', undefined, 'train') as { why: string }).why, /several configs/, 'one read config does not answer for a dataset with more');
    assert.equal((lookupKnownHubDataset('wikitext', 'wikitext-103-raw-v1', 'train[:1%]') as { rowCount?: number }).rowCount, 18014);
    assert.equal((lookupKnownHubDataset('nyu-mll/glue', 'mrpc', 'validation') as { rowCount?: number }).rowCount, undefined, 'a size not read under this id is not borrowed');
  });

  it('session 27: configs the corpora name completed from the 2.5.2 scripts; an unnamed load answered where the script sets DEFAULT_CONFIG_NAME', () => {
    const at = (id: string, name: string | undefined, split: string | undefined) => lookupKnownHubDataset(id, name, split) as { why?: string; rowCount?: number; config?: string; columns?: { name: string }[] };
    assert.equal(at('financial_phrasebank', 'sentences_50agree', 'train').rowCount, 4846);
    assert.equal(knownHubDataset('financial_phrasebank')?.configsNotRead, undefined);
    assert.equal(Object.keys(knownHubDataset('financial_phrasebank')!.configs).length, 4, 'all four configs of the script');
    assert.match(at('financial_phrasebank', undefined, 'train').why!, /several configs/);
    assert.deepEqual(at('amazon_reviews_multi', 'es', 'test').columns?.map((c) => c.name), ['review_id', 'product_id', 'reviewer_id', 'stars', 'review_body', 'review_title', 'language', 'product_category']);
    assert.equal(at('amazon_reviews_multi', 'fr', 'validation').rowCount, 5000);
    assert.equal(at('oscar', 'unshuffled_deduplicated_is', 'train').rowCount, 389515);
    assert.equal(at('wikiann', 'gn', 'validation').rowCount, 100);
    assert.equal(at('opus_books', 'de-en', 'train[:10%]').rowCount, 5147);
    assert.match(at('oscar', 'unshuffled_deduplicated_fo', 'train').why!, /others not read/, 'oscar keeps its other configs unread');
    // textvqa's and swag's scripts name a default config; allenai/openbookqa's Hub copy is still not answered unnamed (session 19).
    assert.equal(at('textvqa', undefined, 'validation').config, 'textvqa');
    assert.equal(at('textvqa', undefined, 'validation').rowCount, 5000);
    assert.equal(at('swag', undefined, 'test').config, 'regular');
    assert.match(at('allenai/openbookqa', undefined, 'train').why!, /several configs/);
    // Two moved copies (their Hub histories hold the library's commits): configs added from glue's and wikitext's scripts.
    assert.equal(at('nyu-mll/glue', 'mnli', 'validation_matched').rowCount, 9815);
    assert.equal(at('Salesforce/wikitext', 'wikitext-103-raw-v1', 'validation').rowCount, 3760);
    assert.deepEqual(at('Salesforce/wikitext', 'wikitext-2-v1', 'train').columns?.map((c) => c.name), ['text']);
    assert.equal(knownHubDataset('Salesforce/wikitext')?.configsNotRead, undefined);
    assert.deepEqual(knownHubDataset('nyu-mll/glue')?.configsNotRead, ['cola', 'stsb', 'qqp', 'qnli', 'rte', 'wnli', 'ax'], 'the other configs stay unread under this id');
  });

});
