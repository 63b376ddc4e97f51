/**
 * trainlint's table of known Hub datasets — checked 2026-12-06.
 *
 * The Hub datasets fine-tuning scripts load most, counted in the official Unsloth notebooks
 * (unslothai/notebooks bdda2ef: `load_dataset("<id>"…)` calls in the 442 notebooks under `nb/`, and in
 * the 112 under `original_template/`) and in TRL's examples and docs (huggingface/trl f2cd577,
 * v1.9.0+26: `load_dataset` calls and `--dataset_name` / `dataset_name=` values in `examples/`,
 * `docs/`, `trl/scripts/`). The entries added on 2026-12-06 were ranked by the number of distinct
 * repositories loading them in the real-script corpora of docs/corpus.md (first extension: the 60
 * repositories of the sixth pass, the tutorial pass and 22 more snapshots; second extension: the HEAD of
 * all 119 stored repository snapshots of those corpora), counted in `uses.realScripts`; two ids no
 * snapshot loads are counted in the code index instead (`uses.codeIndex`).
 * An entry holds only what was read somewhere, and says where: the dataset card's `dataset_info` YAML
 * at a commit, the Hub viewer as quoted on a public page, the printed output of `load_dataset` in a
 * notebook, script or document (`Dataset({features: […], num_rows: N})`; a stored file of the code
 * index is named by its id when its repository was not shown), or the script that built the dataset.
 * A fact that was not read is not written (no row count when none was read; type `unknown` when only
 * the name was read; a config known to exist whose columns were not read is listed in
 * `configsNotRead`, so the config must be named and is not answered). Used only when a dataset is
 * neither local nor in the Hugging Face caches; a cache or file always wins. The third extension
 * (session 14: 24 ids, glue and wikitext among them, and the type of imdb's label) was counted in the session-14 copies of the
 * real-script corpora (corpus6–13, the older corpus, the tutorials; `load_dataset("<id>"…)` in `.py` and
 * notebook code cells), and its evidence was read in those corpora's notebook outputs and in the code index.
 * Only configs read are answered; a config a script loads whose columns were not read is listed in
 * `configsNotRead` (glue wnli/ax, wikitext-2-v1, …), and a dataset with more configs than were read needs
 * the config named. Frequent ids left out for want of evidence: unsloth/alpaca-cleaned (86 calls in the
 * Unsloth notebooks; its columns were read nowhere under this id), allenai/openassistant-guanaco-reformatted
 * (columns only from the scripts that use it), Intel/orca_dpo_pairs (its file list and viewer row count were
 * read, its columns only second-hand, as `remove_columns` lists), Dahoas/full-hh-rlhf (columns only from
 * the scripts that read them), mlabonne/orpo-dpo-mix-40k (viewer row count only), hezarai/parsynth-ocr-200k,
 * Etherll/kaira, cais/mmlu, allenai/c4, HuggingFaceTB/smoltalk and openai/summarize_from_feedback (no
 * printed output or card read for the configs scripts load), trl-lib/llava-instruct-mix (its source's other
 * columns not read), garage-bAInd/Open-Platypus and teknium/OpenHermes-2.5 (nothing read). The fourth
 * extension (session 15, 29 ids) is `known-hub-notebooks.ts`: ids read in the printed outputs of the corpora's notebooks,
 * unsloth/alpaca-cleaned and HuggingFaceTB/smoltalk (everyday-conversations) among them. The fifth extension
 * (session 17) is `known-hub-cards.ts`: ids read in their own dataset cards or in the scripts that built them, each
 * entry dated by its `checked`. The entries of the first three extensions are in `known-hub-popular.ts`. Session 21
 * added `known-hub-quoted.ts`: tutorial datasets whose schema was read as the Hub's datasets-server serves it, quoted
 * in public files, or in their own cards. Session 22 added `known-hub-documented.ts`: fine-tuning datasets whose
 * columns their card or a repository describing the downloaded data documents. Session 23 added
 * `known-hub-card-metadata.ts`: ids whose card `dataset_info` (or `dataset_infos.json`) names every column with its type, and
 * `known-hub-printed-outputs.ts`: ids read in printed outputs of a load. Session 24 extended those two and added
 * `known-hub-embedding-pairs.ts`: the sentence-transformers pair and triplet datasets, read in their cards. Session 25 extended
 * those and added `known-hub-benchmarks.ts`: math and code problem sets read in their cards' `dataset_info`. Session 26
 * added `known-hub-canonical-scripts.ts`: datasets without a namespace read in their 2.5.2 loading scripts, and
 * `known-hub-printed-corpora.ts`: ids read in printed outputs of the session-26 corpora. Session 27 (2026-12-08) extended
 * those two, `known-hub-moved.ts`, `known-hub-benchmarks.ts` (code problem sets) and `known-hub-documented.ts`.
 */

import { CLASSIC_HUB_DATASETS } from './known-hub-classic';
import { NOTEBOOK_HUB_DATASETS } from './known-hub-notebooks';
import { CARD_HUB_DATASETS } from './known-hub-cards';
import { LOADING_SCRIPT_HUB_DATASETS } from './known-hub-loading-scripts';
import { AUDIO_IMAGE_HUB_DATASETS } from './known-hub-audio-image';
import { MOVED_HUB_DATASETS } from './known-hub-moved';
import { MULTIMODAL_CARD_HUB_DATASETS } from './known-hub-cards-multimodal';
import { PRINTED_TEXT_HUB_DATASETS } from './known-hub-printed-text';
import { PRINTED_VISION_HUB_DATASETS } from './known-hub-printed-vision';
import { QUOTED_HUB_DATASETS } from './known-hub-quoted';
import { DOCUMENTED_HUB_DATASETS } from './known-hub-documented';
import { CARD_METADATA_HUB_DATASETS } from './known-hub-card-metadata';
import { PRINTED_OUTPUT_HUB_DATASETS } from './known-hub-printed-outputs';
import { EMBEDDING_PAIR_HUB_DATASETS } from './known-hub-embedding-pairs';
import { BENCHMARK_HUB_DATASETS } from './known-hub-benchmarks';
import { CANONICAL_SCRIPT_HUB_DATASETS, SCRIPT_CONFIGS_ADDED } from './known-hub-canonical-scripts';
import { PRINTED_CORPORA_HUB_DATASETS } from './known-hub-printed-corpora';
import type { KnownHubDataset } from './known-hub-lookup';
import { POPULAR_HUB_DATASETS } from './known-hub-popular';
import { SPLITS_COMPLETE } from './known-hub-splits';

export { KNOWN_HUB_DATASETS_CHECKED } from './known-hub-lookup';

/** An entry with the split audit's verdict on each config (`known-hub-splits.ts`). */
function withSplitAudit(d: KnownHubDataset): KnownHubDataset {
  const audit = SPLITS_COMPLETE[d.id];
  if (!audit) return d;
  return { ...d, configs: Object.fromEntries(Object.entries(d.configs).map(([name, c]) => [name, audit[name] ? { ...c, splitsComplete: audit[name] } : c])) };
}

/** An entry with the configs its 2.5.2 loading script adds (`SCRIPT_CONFIGS_ADDED`, session 26). */
function withScriptConfigs(d: KnownHubDataset): KnownHubDataset {
  const added = SCRIPT_CONFIGS_ADDED[d.id];
  if (!added) return d;
  const names = Object.keys(added.configs);
  const notRead = d.configsNotRead?.filter((c) => !names.includes(c));
  return {
    ...d,
    configs: { ...d.configs, ...added.configs },
    configsNotRead: notRead?.length ? notRead : undefined,
    otherConfigs: added.allConfigs ? undefined : d.otherConfigs,
    evidence: [...d.evidence, added.evidence],
  };
}

export const KNOWN_HUB_DATASETS: readonly KnownHubDataset[] = ([
  ...POPULAR_HUB_DATASETS,
  ...CLASSIC_HUB_DATASETS,
  ...NOTEBOOK_HUB_DATASETS,
  ...CARD_HUB_DATASETS,
  ...LOADING_SCRIPT_HUB_DATASETS,
  ...AUDIO_IMAGE_HUB_DATASETS,
  ...MOVED_HUB_DATASETS,
  ...MULTIMODAL_CARD_HUB_DATASETS,
  ...PRINTED_TEXT_HUB_DATASETS,
  ...PRINTED_VISION_HUB_DATASETS,
  ...QUOTED_HUB_DATASETS,
  ...DOCUMENTED_HUB_DATASETS,
  ...CARD_METADATA_HUB_DATASETS,
  ...PRINTED_OUTPUT_HUB_DATASETS,
  ...EMBEDDING_PAIR_HUB_DATASETS,
  ...BENCHMARK_HUB_DATASETS,
  ...CANONICAL_SCRIPT_HUB_DATASETS,
  ...PRINTED_CORPORA_HUB_DATASETS,
] as KnownHubDataset[]).map(withScriptConfigs).map(withSplitAudit);
