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
 * 4.5.0, 4.6.1, 4.7.0 and 4.8.5 (the union over those tags): the parameters of `load_dataset` and `load_dataset_builder`
 * (`src/datasets/load.py`), of `DatasetBuilder.__init__` and the fields and methods of `BuilderConfig`
 * (`src/datasets/builder.py`), and the fields and methods of every packaged builder's config class, plus the `__init__`
 * parameters of the packaged builders (`src/datasets/packaged_modules/<name>/<name>.py`: arrow, audiofolder, cache, csv, eval,
 * folder_based_builder, generator, hdf5, imagefolder, json, lance, niftifolder, pandas, parquet, pdffolder, spark, sql,
 * text, videofolder, webdataset, xml). Read with Python's `ast` from the tags (facts, not code).
 */
const ACCEPTED = new Set(`__eq__ __post_init__ _resolve_data_files base_path batch_size block_size cache_dir chunksize
coerce_float column_names columns comment commit_hash con config_id config_name converters create_config_id data_dir
data_files dataset_name date_format decimal delimiter description df dialect doublequote download_config download_mode
drop_labels drop_metadata encoding encoding_errors engine error_bad_lines escapechar false_values features field filters
float_precision fragment_scan_options gen_kwargs generator hash header index_col info keep_default_na keep_in_memory
keep_linebreaks lineterminator mangle_dupe_cols memory_map metadata_filenames na_filter na_values name names
newlines_in_values nrows num_proc on_bad_files on_bad_lines on_mixed_types params parse_agent_traces parse_dates
partition_order path pd_read_csv_kwargs pd_read_sql_kwargs prefix quotechar quoting repo_id revision sample_by save_infos
sep skip_blank_lines skipfooter skipinitialspace skiprows split sql storage_options streaming thousands token true_values
use_exported_dataset_infos use_threads usecols verbose verification_mode version warn_bad_lines working_dir
writer_batch_size`.split(/\s+/));

/** `load_dataset` pops it before the builder sees it (4.0.0 on; TL520 reports it). */
const POPPED = new Set(['trust_remote_code']);
/** The newest datasets release whose packaged configs were read; later releases are information. */
const LAST_READ = '4.8.5';
const AFTER_LAST_READ = '4.9';

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
first. Either way the keyword means the call cannot succeed on datasets ≥ 4.0. An error on a known datasets 4.0–4.8;
information on a later release (whose builders were not read) or when the version is unknown; silent before 4.0.

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
  for a non-None value the config lacks; the same at 4.8.5. The accepted keywords are the union over the tags 4.0.0–4.8.5
  of those signatures and of the packaged builders' config classes (\`src/datasets/packaged_modules\`).
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, isLoadDataset)) {
      if (call.hasSplat) continue;
      const path = evaluateString(ctx.facts, (call.positional[0] ?? call.keywords.get('path'))?.value);
      if (path !== undefined && /\.py$/.test(path)) continue; // TL520: the script itself is the error
      const unknown = unknownKeywords(ctx, call);
      if (unknown.length === 0 || guardedBelow(ctx.facts, call.node, 'datasets', SCRIPTS_REMOVED)) continue;
      // Known 4.0–4.8: the rule's severity; a later release (its builders not read): information; unknown: information
      // naming datasets ≥ 4.0; before 4.0: silent.
      const any4 = ctx.version('datasets', { from: SCRIPTS_REMOVED });
      if (!any4.severity) continue;
      let severity = any4.severity;
      let note = any4.note;
      if (any4.gate === 'affected' && ctx.env.gate('datasets', { from: AFTER_LAST_READ }) === 'affected') {
        severity = 'information';
        note = ` (${ctx.versionText('datasets')}; the releases after datasets ${LAST_READ} were not read)`;
      }
      const what = path !== undefined ? `"${path}"` : 'the dataset';
      for (const [k, arg] of unknown) {
        ctx.report({
          node: arg.node,
          severity,
          message: `\`${k}=\` is neither a parameter of \`load_dataset\` nor a field of any builder configuration in datasets ≥ 4.0${note}: it goes to the configuration of ${what}, which raises "ValueError: BuilderConfig … doesn't have a '${k}' key." (or a TypeError); only a loading script could take it, and datasets 4 runs none. Remove the keyword, load the data's files directly, or pin \`datasets<4\`.`,
        });
      }
    }
  },
};
export default rule;
