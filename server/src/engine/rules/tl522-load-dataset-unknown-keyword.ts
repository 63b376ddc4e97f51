import { isQualified } from '../facts/imports';
import { callsWhere } from '../facts/selections';
import type { ArgFact, CallFact } from '../facts/types';
import { evaluate, evaluateString } from '../facts/values';
import { guardedBelow } from '../domain/version-guards';
import type { RuleContext } from './context';
import type { Rule } from './rule';
import { SCRIPTS_REMOVED } from './tl520-dataset-loading-script-unsupported';

/**
 * Every keyword `load_dataset` can hand on without raising, in huggingface/datasets 4.0.0, 4.1.1, 4.2.0, 4.3.0, 4.4.2,
 * 4.5.0, 4.6.1, 4.7.0, 4.8.5, 5.0.0 and 5.0.1 (the union over those tags): the parameters of `load_dataset` and
 * `load_dataset_builder` (`src/datasets/load.py`), of `DatasetBuilder.__init__` and the fields and methods of
 * `BuilderConfig` (`src/datasets/builder.py`), and the fields and methods of every packaged builder's config class, plus
 * the `__init__` parameters of the packaged builders (`src/datasets/packaged_modules/<name>/<name>.py`: arrow,
 * audiofolder, cache, csv, eval, folder_based_builder, generator, hdf5, imagefolder, json, lance, niftifolder, pandas,
 * parquet, pdffolder, spark, sql, text, videofolder, webdataset, xml; 5.0.0 adds conll, iceberg, meshfolder, tsfile).
 * Listed by `scripts/load-dataset-keywords.py` (Python's `ast` over the tags; facts, not code), then kept here by hand
 * with three names an earlier, wider read also took (`commit_hash`, `use_exported_dataset_infos`, `partition_order`:
 * `__init__` parameters of other classes; keeping them only makes the rule quieter). 5.0.0 and 5.0.1 remove no name
 * 4.8.5 accepts (the script's per-tag report), so the union is a superset of every tag's own set: a keyword outside it
 * raises on each of these releases. The datasets 5.0.1 wheel of the PyPI snapshot has the same `load.py`, `builder.py`
 * and packaged modules as the tag.
 */
const ACCEPTED = new Set(`__eq__ __post_init__ _resolve_data_files base_path batch_size block_size cache_dir catalog chunksize coerce_float
column_names columns comment comment_prefix commit_hash con config_id config_name converters create_config_id data_dir
data_files dataset_name date_format decimal delimiter description df dialect doublequote download_config download_mode
drop_labels drop_metadata encoding encoding_errors end_time engine error_bad_lines escapechar false_values features
field filters float_precision fragment_scan_options gen_kwargs generator hash header index_col info input_batch_size
keep_default_na keep_in_memory keep_linebreaks lineterminator mangle_dupe_cols memory_map metadata_filenames na_filter
na_values name names newlines_in_values nrows num_proc on_bad_files on_bad_lines on_mixed_types output_batch_size
params parse_agent_traces parse_dates partition_order path pd_read_csv_kwargs pd_read_sql_kwargs prefix quotechar
quoting repo_id revision sample_by save_infos sep skip_blank_lines skip_docstart skipfooter skipinitialspace skiprows
snapshot_id split sql start_time storage_options streaming table table_name thousands timestamp_tz timestamp_unit
token true_values use_exported_dataset_infos use_threads usecols verbose verification_mode version warn_bad_lines
working_dir writer_batch_size`.split(/\s+/));

/** `load_dataset` pops it before the builder sees it (4.0.0 on; TL520 reports it). */
const POPPED = new Set(['trust_remote_code']);
/**
 * The newest datasets release whose packaged configs were read (also trainlint's newest known datasets, so an unpinned
 * install is evaluated as it); later releases are information.
 */
const LAST_READ = '5.0.1';
const AFTER_LAST_READ = '5.0.2';

/**
 * `load_dataset` parameters datasets 2.x deprecated and 3.0.0 removed (huggingface/datasets 2.20.0 `src/datasets/load.py`:
 * "'use_auth_token' was deprecated in favor of 'token' in version 2.14.0 and will be removed in 3.0.0",
 * "'ignore_verifications' was deprecated in favor of 'verification_mode' in version 2.9.1 …"; neither name is in
 * `load.py` at 3.0.0).
 */
const REPLACED: Readonly<Record<string, { since: string; use: string }>> = {
  use_auth_token: { since: '2.14.0', use: 'pass `token=` instead' },
  ignore_verifications: { since: '2.9.1', use: 'pass `verification_mode="no_checks"` (for `True`) instead' },
};

const isLoadDataset = (c: CallFact): boolean => isQualified(c.qualified, ['datasets'], 'load_dataset');

function unknownKeywords(ctx: RuleContext, call: CallFact): Array<[string, ArgFact]> {
  return [...call.keywords].filter(([k, arg]) => !ACCEPTED.has(k) && !POPPED.has(k)
    // A None value is skipped when the keyword overrides an existing config (`if value is not None`).
    && evaluate(ctx.facts, arg.value).kind !== 'none');
}

const rule: Rule = {
  code: 'TL522',
  name: 'load-dataset-unknown-keyword',
  severity: 'error',
  fix: 'none',
  requires: ['load_dataset'],
  docs: `## What it does
Flags a keyword of \`datasets.load_dataset(…)\` that is neither a parameter of \`load_dataset\` nor a field of any
builder configuration datasets ships (\`dataset_to_download=\`, \`lang=\`, \`use_auth_token=\`, \`ignore_verifications=\`),
where the installed datasets is 4.0 or newer.

## Why is this bad?
\`load_dataset\` passes every keyword it does not know on to the dataset's builder configuration. In datasets 3.x a
dataset loading script could define such a field (\`load_dataset("xnli", language="fr")\`). datasets 4.0 removed loading
scripts: every dataset is built by one of the packaged builders (Parquet, JSON, CSV, ImageFolder, …), whose
configurations have a fixed set of fields, so an unknown keyword raises at once — \`ValueError: BuilderConfig … doesn't
have a 'dataset_to_download' key.\` for a dataset with configurations, \`TypeError: …Config.__init__() got an unexpected
keyword argument\` otherwise — and a dataset that still ships its script raises "Dataset scripts are no longer supported"
first. Either way the keyword means the call cannot succeed on datasets ≥ 4.0. An error on a known datasets 4.0–5.0.1
(a pin, or an unpinned \`pip install datasets\`, evaluated as the newest release trainlint knows, 5.0.1); information on
a later release (whose builders were not read) or when the version is unknown; silent before 4.0. \`use_auth_token=\`
and \`ignore_verifications=\` (removed in 3.0) are among them: the message names \`token=\` and \`verification_mode=\`.
\`trust_remote_code=\` is not: \`load_dataset\` pops it (4.0.0–5.0.1) and TL520 reports it.

## Example
\`\`\`python
# pip install datasets==4.5.0
from datasets import load_dataset

ds = load_dataset("MahmoodLab/Patho-Bench", dataset_to_download="cptac_ccrcc", task_in_dataset="BAP1_mutation")
\`\`\`

## Use instead
\`\`\`python
# pip install datasets==3.6.0
from datasets import load_dataset

ds = load_dataset("MahmoodLab/Patho-Bench", dataset_to_download="cptac_ccrcc", task_in_dataset="BAP1_mutation")
\`\`\`

## Fix safety
No automatic fix: the keyword selected data a loading script produced; removing it loads something else, if anything.
Pin \`datasets<4\` or load the data's files directly.

## References
- mahmoodlab/Patho-Bench#27 (datasets 4.5.0: \`load_dataset("MahmoodLab/Patho-Bench", dataset_to_download=…,
  task_in_dataset=…, trust_remote_code=True)\` fails; the script-based dataset needs datasets < 4)
- huggingface/datasets \`src/datasets/load.py\` at 4.0.0: \`load_dataset(path, name, data_dir, data_files, split, cache_dir,
  features, download_config, download_mode, verification_mode, keep_in_memory, save_infos, revision, token, streaming,
  num_proc, storage_options, **config_kwargs)\` pops only \`trust_remote_code\` and passes \`config_kwargs\` to the builder
  class; \`src/datasets/builder.py\` \`DatasetBuilder._create_builder_config\`: \`BUILDER_CONFIG_CLASS(**config_kwargs)\`
  for a config made on the fly, else \`raise ValueError(f"BuilderConfig {builder_config} doesn't have a '{key}' key.")\`
  for a non-None value the config lacks; the same at 4.8.5, 5.0.0 and 5.0.1 (and in the datasets-5.0.1 wheel). The
  accepted keywords are the union over the tags 4.0.0–5.0.1 of those signatures and of the packaged builders' config
  classes (\`src/datasets/packaged_modules\`), listed by \`scripts/load-dataset-keywords.py\` (Python's \`ast\` over the
  tags) and kept by hand in the rule; 5.0.0 adds the conll, iceberg, meshfolder and tsfile builders' fields and removes
  none. To extend it to a new release, run the script over the new tags and add what it lists.
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, isLoadDataset)) {
      if (call.hasSplat) continue;
      const path = evaluateString(ctx.facts, (call.positional[0] ?? call.keywords.get('path'))?.value);
      if (path !== undefined && /\.py$/.test(path)) continue; // TL520: the script itself is the error
      const unknown = unknownKeywords(ctx, call);
      if (unknown.length === 0 || guardedBelow(ctx.facts, call.node, 'datasets', SCRIPTS_REMOVED)) continue;
      // Known 4.0–5.0.1: the rule's severity; a later release (its builders not read): information; unknown: information
      // naming datasets ≥ 4.0; before 4.0: silent.
      const any4 = ctx.version('datasets', { from: SCRIPTS_REMOVED });
      if (!any4.severity) continue;
      let severity = any4.severity;
      let note = any4.note;
      // Known 4.0–5.0.1: every release read raises; say which were read.
      let where = `in datasets ${SCRIPTS_REMOVED}.0–${LAST_READ} (every release read)`;
      if (any4.gate === 'affected' && ctx.env.gate('datasets', { from: AFTER_LAST_READ }) === 'affected') {
        severity = 'information';
        note = ` (${ctx.versionText('datasets')}; the releases after datasets ${LAST_READ} were not read)`;
      } else if (any4.gate !== 'affected') {
        where = `in datasets ≥ ${SCRIPTS_REMOVED}`;
      }
      const what = path !== undefined ? `"${path}"` : 'the dataset';
      for (const [k, arg] of unknown) {
        const instead = REPLACED[k] ? ` It was removed in datasets 3.0 (deprecated in ${REPLACED[k].since}): ${REPLACED[k].use}.` : ' Remove the keyword, load the data\'s files directly, or pin `datasets<4`.';
        ctx.report({
          node: arg.node,
          severity,
          message: `\`${k}=\` is neither a parameter of \`load_dataset\` nor a field of any builder configuration ${where}${note}: it goes to the configuration of ${what}, which raises "ValueError: BuilderConfig … doesn't have a '${k}' key." (or a TypeError); only a loading script could take it, and datasets 4 runs none.${instead}`,
        });
      }
    }
  },
};
export default rule;
