/**
 * trainlint's table of known Hub datasets, the part for the sentence-transformers organisation's pair and triplet datasets
 * (session 24, 2026-12-07; docs/corpus.md, "Session 24 — hub24"): ids the regression corpora (/tmp/corpora and
 * /tmp/corpora21..35) load and the table did not know, each read in its own dataset card. These cards were all written by
 * `push_to_hub` with one config per format (`pair`, `triplet`, `title-title-pair`, …) and one `train` split each: the
 * card's `configs` YAML maps every config to its data files, so its split list is the whole list, and its
 * `dataset_info` (or, where the YAML lines were not shown, the card's "Dataset Subsets" section: "Columns: … Column
 * types: str, str") names every column. A dataset of one config answers a call that names none (datasets picks the only
 * config of a card's `configs`); a dataset of several, with no `default: true`, needs the config named.
 * Same rules as `known-hub-datasets.ts`: every fact was read somewhere and each entry says where and when.
 * Counts in `uses.realScripts` are the session-24 count of `bench/hub-coverage.ts` over those corpora.
 */
import type { KnownColumn, KnownConfig, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });

/** When these cards were read. */
const CHECKED = '2026-12-07';

/** A config whose card `configs` entry maps one `train` split to its data files. */
function trainOnly(columns: string[], rows: number | undefined, where: string): KnownConfig {
  const complete: SplitsComplete = { by: 'card', read: CHECKED, where };
  return { columns: columns.map(str), splits: { train: rows }, splitsComplete: complete };
}

/** Where a card's `configs` entry for `config` was read. */
const configsOf = (id: string, config: string, commit: string): string =>
  `the card of ${id} at ${commit}: configs ${config} with data_files split train (${config}/train-*) only`;

/** Used by the optimum-habana sentence-transformers examples (huggingface/optimum-habana, regression corpus). */
const HABANA = { realScripts: { calls: 2, repos: 1 } };

export const EMBEDDING_PAIR_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'sentence-transformers/quora-duplicates',
    configs: {
      pair: trainOnly(['anchor', 'positive'], 149263, configsOf('sentence-transformers/quora-duplicates', 'pair', 'dcd9ad6')),
      'pair-class': {
        columns: [str('sentence1'), str('sentence2'), { name: 'label', type: 'class_label[different, duplicate]' }],
        splits: { train: 404290 },
        splitsComplete: { by: 'card', read: CHECKED, where: configsOf('sentence-transformers/quora-duplicates', 'pair-class', 'dcd9ad6') },
      },
      triplet: trainOnly(['anchor', 'positive', 'negative'], 101762, configsOf('sentence-transformers/quora-duplicates', 'triplet', 'dcd9ad6')),
      'triplet-all': trainOnly(['anchor', 'positive', 'negative'], 2792280, configsOf('sentence-transformers/quora-duplicates', 'triplet-all', 'dcd9ad6')),
    },
    evidence: [
      'dataset card of sentence-transformers/quora-duplicates (huggingface.co/datasets/sentence-transformers/quora-duplicates/blob/dcd9ad6…/README.md, blame at dcd9ad6): dataset_info config pair: anchor, positive (string), train 149,263; pair-class: sentence1, sentence2 (string), label (class_label 0 different, 1 duplicate), train 404,290; triplet: anchor, positive, negative (string), train 101,762; triplet-all: anchor, positive, negative (string), train 2,792,280; configs pair, pair-class, triplet, triplet-all, each with data_files split train only, none marked default',
    ],
    checked: CHECKED,
    uses: HABANA,
  },
  {
    id: 'sentence-transformers/simple-wiki',
    configs: { pair: trainOnly(['text', 'simplified'], 102225, configsOf('sentence-transformers/simple-wiki', 'pair', '60fd9b4')) },
    evidence: [
      'dataset card of sentence-transformers/simple-wiki (blob/60fd9b4/README.md): dataset_info config_name pair, features text, simplified (string), split train 102,225 examples; configs pair with data_files split train (pair/train-*); "pair subset — Columns: text, simplified; Column types: str, str"',
    ],
    checked: CHECKED,
    uses: HABANA,
  },
  {
    id: 'sentence-transformers/altlex',
    configs: { pair: trainOnly(['text', 'simplified'], undefined, configsOf('sentence-transformers/altlex', 'pair', '97eb209')) },
    evidence: [
      'dataset card of sentence-transformers/altlex (commit 97eb209 "Update README.md"): dataset_info config_name pair; configs pair with data_files split train (pair/train-*); its "Dataset Subsets" section: "pair subset — Columns: text, simplified; Column types: str, str" (the dataset_info feature lines and the split size were not shown)',
    ],
    checked: CHECKED,
    uses: HABANA,
  },
  {
    id: 'sentence-transformers/flickr30k-captions',
    configs: { pair: trainOnly(['caption1', 'caption2'], undefined, configsOf('sentence-transformers/flickr30k-captions', 'pair', '5569c13')) },
    evidence: [
      'dataset card of sentence-transformers/flickr30k-captions (commit 5569c13 "Update README.md"): dataset_info config_name pair; configs pair with data_files split train (pair/train-*); "pair subset — Columns: caption1, caption2; Column types: str, str"; the Hub viewer: Subset (1) pair, Split (1) train, 159k rows (not an exact count)',
    ],
    checked: CHECKED,
    uses: HABANA,
  },
  {
    id: 'sentence-transformers/coco-captions',
    configs: { pair: trainOnly(['caption1', 'caption2'], 414010, configsOf('sentence-transformers/coco-captions', 'pair', 'bd26018')) },
    evidence: [
      'dataset card of sentence-transformers/coco-captions (blob/main/README.md at bd26018): dataset_info config_name pair, features caption1, caption2 (string), split train 414,010 examples; configs pair with data_files split train (pair/train-*); "Columns: caption1, caption2; Column types: str, str"',
    ],
    checked: CHECKED,
    uses: HABANA,
  },
  {
    id: 'sentence-transformers/sentence-compression',
    configs: { pair: trainOnly(['text', 'simplified'], undefined, configsOf('sentence-transformers/sentence-compression', 'pair', '605bc91')) },
    evidence: [
      'dataset card of sentence-transformers/sentence-compression (commit 605bc91 "Update README.md"): dataset_info config_name pair; configs pair with data_files split train (pair/train-*); "pair subset — Columns: text, simplified; Column types: str, str" (the split size was not shown)',
    ],
    checked: CHECKED,
    uses: HABANA,
  },
  {
    id: 'sentence-transformers/stackexchange-duplicates',
    configs: {
      'body-body-pair': trainOnly(['body1', 'body2'], 250460, configsOf('sentence-transformers/stackexchange-duplicates', 'body-body-pair', 'main (1c9657a)')),
      'post-post-pair': trainOnly(['post1', 'post2'], 250519, configsOf('sentence-transformers/stackexchange-duplicates', 'post-post-pair', 'main (1c9657a)')),
      'title-title-pair': trainOnly(['title1', 'title2'], 304525, configsOf('sentence-transformers/stackexchange-duplicates', 'title-title-pair', 'main (1c9657a)')),
    },
    evidence: [
      'dataset card of sentence-transformers/stackexchange-duplicates (blob/main/README.md, last changed in 1c9657a): dataset_info config body-body-pair: body1, body2 (string), train 250,460; post-post-pair: post1, post2 (string), train 250,519; title-title-pair: title1, title2 (string), train 304,525; configs body-body-pair, post-post-pair, title-title-pair, each with data_files split train only; the Hub viewer lists the same three subsets',
    ],
    checked: CHECKED,
    uses: HABANA,
  },
];
