import type { Fix } from '../diagnostics';
import { callsWhere } from '../facts/selections';
import type { Node } from 'web-tree-sitter';
import type { CallFact, ImportFact } from '../facts/types';
import { driftVerdict, removedImports, removedNameMessage, type RemovedName } from './drift';
import { replaceNode } from './edits';
import type { Rule } from './rule';

/**
 * Names PEFT, datasets and transformers removed from their top-level package after a deprecation period (TRL's are
 * TL516's). PEFT's and datasets' were read in the package's `__init__.py` at the last release that exports each and the
 * next one; transformers' in the 4.57.6 wheel and tag (exported) and at every 5.x release tag 5.0.0–5.15.0 and the 5.17.0
 * and 5.18.0 wheels (absent from the package).
 */
interface Removal {
  /** The distribution whose version decides (and the module the name was imported from). */
  pkg: 'peft' | 'datasets' | 'transformers';
  /** First release without it. */
  removedFrom: string;
  /** First release that warns on use (none read: silent before the removal). */
  deprecatedFrom?: string;
  /** What to write instead. */
  instead: string;
  /** A name exported on every release that does the same (the import can be renamed to it, keeping the old name). */
  sameAs?: string;
  /** Submodules the name was also imported from (`from transformers.optimization import AdamW`). */
  alsoFrom?: string[];
  /** The keywords `sameAs` takes: a call of the old name passing another one fails after the rename as well. */
  sameAsTakes?: string[];
  /** The release whose old-name function stopped taking the other keywords too. */
  keywordsGoneFrom?: string;
}

/**
 * Gone from transformers 5.0.0: in the 4.57.6 wheel and tag; named by no file under `src/` at tag v5.0.0 (08810b1e) nor at
 * any later 5.x tag read (5.1.0–5.15.0), nor in the 5.17.0 and 5.18.0 wheels.
 */
const TRANSFORMERS_5 = { pkg: 'transformers', removedFrom: '5.0' } as const;

/**
 * The image \`…FeatureExtractor\` aliases: in transformers 4.57 each is \`class XFeatureExtractor(XImageProcessor)\` in
 * \`models/<model>/feature_extraction_<model>.py\` (exported by its \`__all__\`), warning "The class … is deprecated and
 * will be removed in version 5 of Transformers"; no file under \`src/transformers\` names any of them at v5.0.0, v5.5.0 or
 * v5.15.0. Written as \`Name:model-folder\`.
 */
const FEATURE_EXTRACTORS =
  'BeitFeatureExtractor:beit ChineseCLIPFeatureExtractor:chinese_clip CLIPFeatureExtractor:clip ConditionalDetrFeatureExtractor:conditional_detr ConvNextFeatureExtractor:convnext DeformableDetrFeatureExtractor:deformable_detr DeiTFeatureExtractor:deit DetrFeatureExtractor:detr DonutFeatureExtractor:donut DPTFeatureExtractor:dpt FlavaFeatureExtractor:flava GLPNFeatureExtractor:glpn ImageGPTFeatureExtractor:imagegpt LayoutLMv2FeatureExtractor:layoutlmv2 LayoutLMv3FeatureExtractor:layoutlmv3 LevitFeatureExtractor:levit MaskFormerFeatureExtractor:maskformer MobileNetV1FeatureExtractor:mobilenet_v1 MobileNetV2FeatureExtractor:mobilenet_v2 MobileViTFeatureExtractor:mobilevit OwlViTFeatureExtractor:owlvit PerceiverFeatureExtractor:perceiver PoolFormerFeatureExtractor:poolformer SegformerFeatureExtractor:segformer VideoMAEFeatureExtractor:videomae ViltFeatureExtractor:vilt ViTFeatureExtractor:vit YolosFeatureExtractor:yolos';

function featureExtractorAliases(): Record<string, Removal> {
  return Object.fromEntries(FEATURE_EXTRACTORS.split(' ').map((pair) => {
    const [name, folder] = pair.split(':');
    const processor = name.replace(/FeatureExtractor$/, 'ImageProcessor');
    return [name, {
      ...TRANSFORMERS_5,
      alsoFrom: [`transformers.models.${folder}`, `transformers.models.${folder}.feature_extraction_${folder}`],
      instead: `use \`${processor}\` (the class it subclassed, which transformers 4.x's deprecation warning names)`,
    }];
  }));
}

const REMOVED: Record<string, Removal> = {
  prepare_model_for_int8_training: {
    pkg: 'peft', removedFrom: '0.10', deprecatedFrom: '0.4', sameAs: 'prepare_model_for_kbit_training',
    instead: 'use `prepare_model_for_kbit_training` (the function it forwarded to since PEFT 0.4)',
    // peft v0.10.0 `src/peft/utils/other.py`: `def prepare_model_for_kbit_training(model, use_gradient_checkpointing=True,
    // gradient_checkpointing_kwargs=None)`; `prepare_model_for_int8_training` took `output_embedding_layer_name=` and
    // `layer_norm_names=` up to v0.2.0 and only `(model, use_gradient_checkpointing=True)` from v0.3.0.
    sameAsTakes: ['model', 'use_gradient_checkpointing', 'gradient_checkpointing_kwargs'],
    keywordsGoneFrom: '0.3',
  },
  load_metric: {
    pkg: 'datasets', removedFrom: '3.0', deprecatedFrom: '2.5',
    instead: 'use the `evaluate` library (`evaluate.load("accuracy")`)',
  },
  AutoModelForVision2Seq: {
    ...TRANSFORMERS_5,
    instead: 'use `AutoModelForImageTextToText`, the class transformers 4.x\'s deprecation warning names (4.57.6 still has both)',
  },
  ...Object.fromEntries(['TextDataset', 'LineByLineTextDataset', 'LineByLineWithRefDataset', 'LineByLineWithSOPTextDataset', 'TextDatasetForNextSentencePrediction'].map((name) => [name, {
    ...TRANSFORMERS_5,
    instead: 'build the dataset with the `datasets` library (`load_dataset("text", data_files=…)` and a tokenizing `map`)',
  }])),
  AdamW: {
    pkg: 'transformers', removedFrom: '4.50', deprecatedFrom: '4.16', alsoFrom: ['transformers.optimization'],
    instead: 'use `torch.optim.AdamW` (`from torch.optim import AdamW`; it has no `correct_bias=` argument)',
  },
  HybridCache: {
    ...TRANSFORMERS_5, deprecatedFrom: '4.56', alsoFrom: ['transformers.cache_utils'],
    instead: 'use `StaticCache`, which transformers 4.56\'s deprecation warning names (it infers each layer\'s type)',
  },
  ...featureExtractorAliases(),
};

function removalFor(imp: Pick<ImportFact, 'name' | 'module'>): Removal | undefined {
  if (imp.name === undefined || !Object.hasOwn(REMOVED, imp.name)) return undefined;
  const r = REMOVED[imp.name];
  return imp.module === r.pkg || r.alsoFrom?.includes(imp.module) ? r : undefined;
}

/**
 * The removed name a call reaches through its module (`import datasets`): `datasets.load_metric(…)`, or a method of a
 * removed class, `transformers.AutoModelForVision2Seq.from_pretrained(…)`; with the node naming `module.name`.
 */
function removedAttribute(c: CallFact): { pkg: string; name: string; node: Node } | undefined {
  const q = c.qualified;
  if (!q || c.callee.type !== 'attribute') return undefined;
  const parts = q.split('.');
  if (parts.length !== 2 && parts.length !== 3) return undefined;
  const [pkg, name] = parts;
  if (!removalFor({ module: pkg, name })) return undefined;
  // `module.name(…)`, or `module.Name.method(…)` written as such (not a name the script bound: `x = …; x.method()`).
  const node = parts.length === 2 ? c.callee : c.callee.childForFieldName('object');
  return node && node.type === 'attribute' ? { pkg, name, node } : undefined;
}

/** A call of a removed name reached through its module (a selection test). */
const isRemovedAttributeCall = (c: CallFact): boolean => removedAttribute(c) !== undefined;

const LIB = { peft: 'PEFT', datasets: 'datasets', transformers: 'transformers' } as const;
const named = (name: string, where: string, r: Removal): RemovedName =>
  ({ name, where, lib: LIB[r.pkg], pkg: r.pkg, removedFrom: r.removedFrom, instead: r.instead });
/** Pin below the removal. */
const PIN = { pin: { removed: true, unknown: true } };

const rule: Rule = {
  code: 'TL519',
  name: 'library-import-removed',
  severity: 'error',
  fix: 'sometimes',
  requires: Object.keys(REMOVED),
  docs: `## What it does
Flags \`from peft import prepare_model_for_int8_training\` on PEFT ≥ 0.10 and \`from datasets import load_metric\` on
datasets ≥ 3.0 (and the same names reached as \`peft.…\` / \`datasets.…\`): functions the 2023 recipes use that the
libraries deprecated and then removed. TRL's removed names are TL516's.

Also \`from transformers import AutoModelForVision2Seq\` (the vision-language fine-tuning recipes of 2024–2025) and
\`TextDataset\`, \`LineByLineTextDataset\`, \`LineByLineWithRefDataset\`, \`LineByLineWithSOPTextDataset\`,
\`TextDatasetForNextSentencePrediction\` (the GPT-2 fine-tuning tutorials): transformers 4.x exports them with a
deprecation warning, transformers 5.0.0 removed them: on 5.x the import is an error, on 4.x it is silent. Reached
through the module (\`import transformers\`) they are flagged too: \`transformers.TextDataset(…)\`,
\`transformers.AutoModelForVision2Seq.from_pretrained(…)\` raise AttributeError.

Also \`AdamW\` imported from \`transformers\` or \`transformers.optimization\` (the training loops of the course and of
the 2020–2023 tutorials: \`from transformers import AdamW, get_linear_schedule_with_warmup\`): transformers 4.16–4.49
warn on use ("This implementation of AdamW is deprecated and will be removed in a future version. Use the PyTorch
implementation torch.optim.AdamW instead"), 4.50 removed it; and \`HybridCache\` (from \`transformers\` or
\`transformers.cache_utils\`): deprecated from 4.56 ("\`HybridCache\` is deprecated … Use \`StaticCache(...)\`
instead"), removed in 5.0. And the 28 image \`…FeatureExtractor\` aliases (\`CLIPFeatureExtractor\`,
\`ViTFeatureExtractor\`, \`DetrFeatureExtractor\`, \`LayoutLMv3FeatureExtractor\`, …; also from
\`transformers.models.<model>\` and its \`feature_extraction_<model>\` module): each a subclass of the model's
\`…ImageProcessor\` that warned "deprecated and will be removed in version 5 of Transformers", removed in 5.0 (an error
on 5.x, silent on 4.x, where the warning's first release was not read).

## Why is this bad?
The import raises \`ImportError: cannot import name 'load_metric' from 'datasets'\` in the script's first cell. The
alpaca-lora family of scripts imports \`prepare_model_for_int8_training\`, and the course notebooks of 2022–2023 call
\`load_metric\`; a notebook that installs the library unpinned gets the newest release and stops there. Versions
that only warn (PEFT 0.4–0.9, datasets 2.5–2.21) get information with the Deprecated tag; older ones are silent; an
unknown version gets information naming the release that removed the name. An import inside \`try:\` with an
\`except ImportError:\` (or broader) handler, the fallback in such a handler of a \`try:\` that imports something
(\`try: from transformers import AutoModelForImageTextToText … except: from transformers import AutoModelForVision2Seq\`,
unslothai/unsloth \`unsloth/models/loader.py\`: it runs only where the first import failed), or an import in a branch the
script keeps to older versions, is left alone.

## Example
\`\`\`python
# pip install peft==0.13.2
from peft import LoraConfig, get_peft_model, prepare_model_for_int8_training

model = prepare_model_for_int8_training(model)
\`\`\`

## Use instead
\`\`\`python
# pip install peft==0.13.2
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

model = prepare_model_for_kbit_training(model)
\`\`\`

## Fix safety
For \`prepare_model_for_int8_training\` the fix imports \`prepare_model_for_kbit_training as
prepare_model_for_int8_training\`: safe on a known PEFT ≥ 0.4, since from 0.4 the old name only warned and called the
new one with the same arguments, so every call in the script keeps working; unsafe when the version is unknown (PEFT
before 0.4 has no \`prepare_model_for_kbit_training\`), and when a call passes a keyword that only PEFT ≤ 0.2's
\`prepare_model_for_int8_training\` took (\`output_embedding_layer_name=\`, \`layer_norm_names=\`, peft v0.2.0; gone
from v0.3.0: Vaibhavs10/fast-whisper-finetuning \`Whisper_w_PEFT.ipynb\`), which \`prepare_model_for_kbit_training\`
rejects (peft v0.10.0 \`src/peft/utils/other.py\`: it takes \`use_gradient_checkpointing\` and
\`gradient_checkpointing_kwargs\`); the message then says to drop it. \`load_metric\` has no fix: its replacement is another
library (\`evaluate\`), with its own install.

## References
- gazingstars123/Anima-Standalone-Trainer#48 (kohya-ss/sd-scripts 0be3095: "cannot import name 'CLIPFeatureExtractor'
  from 'transformers'" on 5.x); huggingface/transformers \`src/transformers/models/*/feature_extraction_*.py\` at v4.57.0
  (the 28 aliases and their warning) and \`src/transformers\` at v5.0.0, v5.5.0, v5.15.0 (none named)
- huggingface/peft \`src/peft/__init__.py\` and \`src/peft/utils/other.py\`: \`prepare_model_for_int8_training\`
  defined "For backward compatibility" as a FutureWarning that calls \`prepare_model_for_kbit_training(*args,
  **kwargs)\` from v0.4.0 to v0.9.0, absent from v0.10.0
- huggingface/transformers at the release tags of the forks FyrbyAdditive/transformers and 8b-is/transformers (the
  same commits as upstream's tags; v4.57.6 there is byte-identical to the wheel): no file under \`src/\` names any of
  the six at v5.0.0 (08810b1e) or at any later tag v5.1.0–v5.15.0 (the pre-release v5.0.0rc0 still had
  \`AutoModelForVision2Seq\`, not the datasets)
- transformers wheels 4.57.6, 5.17.0 and 5.18.0: in 4.57.6 \`transformers/__init__.py\` exports the six names;
  \`models/auto/modeling_auto.py\` warns "The class \`AutoModelForVision2Seq\` is deprecated and will be removed in
  v5.0. Please use \`AutoModelForImageTextToText\` instead." and \`data/datasets/language_modeling.py\` warns "This
  dataset will be removed from the library soon, preprocessing should be handled with the 🤗 Datasets library"; no file
  of the 5.17.0 or 5.18.0 wheel names any of them
- huggingface/transformers \`src/transformers/__init__.py\` and \`src/transformers/optimization.py\` (8b-is/transformers,
  upstream's tags): \`class AdamW\` exported at v4.15.0–v4.49.0, its FutureWarning from v4.16.0, absent from v4.50.0,
  v4.57.0 and v5.0.0 (huggingface/course#865 and transformers#36954: "cannot import name 'AdamW' from 'transformers'");
  \`src/transformers/cache_utils.py\`: \`class HybridCache\` exported through v4.57.0, its "deprecated and will be removed"
  warning at v4.56.0, absent from v5.0.0, v5.5.0 and v5.15.0 (transformers#45278)
- huggingface/datasets \`src/datasets/__init__.py\`: \`load_metric\` exported through 2.21.0, absent from 3.0.0;
  \`src/datasets/load.py\` marks it \`@deprecated("Use the new library 🤗 Evaluate instead")\` from 2.5.0
`,
  check(ctx) {
    for (const { imp, removal: r, name, node, verdict: v } of removedImports(ctx, removalFor, (x) => x.pkg)) {
      const fixes: Fix[] = [];
      // Only a plain `name` in the import list: an aliased import already names its own binding.
      // Safe where the version is known to have the new name (it is past the deprecation); unsafe when it is unknown.
      const extra = r.sameAs ? keywordsNotTaken(ctx.facts.calls, name, r) : [];
      if (r.sameAs && node.type === 'dotted_name' && node.text === name) {
        // The rename keeps every call as it ran on PEFT 0.4–0.9; a call passing an old-only keyword failed there too and
        // still fails after it, so the fix is not the whole repair.
        const applicability = v.phase === 'unknown' || extra.length ? 'unsafe' : 'safe';
        fixes.push({ title: `Import ${r.sameAs} as ${name}`, applicability, edits: [replaceNode(ctx.source, node, `${r.sameAs} as ${name}`)] });
      }
      const also = extra.length
        ? ` The script's call passes ${extra.map((k) => `\`${k}=\``).join(', ')}, which \`${r.sameAs}\` does not take (nor \`${name}\` itself from PEFT ${r.keywordsGoneFrom}): drop ${extra.length > 1 ? 'them' : 'it'}, or the call raises "TypeError: … unexpected keyword argument".`
        : '';
      ctx.report({ node, severity: v.severity, tags: v.tags, message: removedNameMessage(named(name, imp.module, r), v, PIN) + also, fixes });
    }
    for (const c of callsWhere(ctx.facts, isRemovedAttributeCall)) {
      const { pkg, name, node } = removedAttribute(c)!;
      const r = REMOVED[name];
      const v = driftVerdict(ctx, r.pkg, r.removedFrom, r.deprecatedFrom, c.node);
      if (!v) continue;
      ctx.report({ node, severity: v.severity, tags: v.tags, message: removedNameMessage(named(name, pkg, r), v, { ...PIN, attribute: true }) });
    }
  },
};

/** Keywords the script's calls of `name` pass that the replacement `sameAs` does not take (first seen order). */
function keywordsNotTaken(calls: CallFact[], name: string, r: Removal): string[] {
  if (!r.sameAsTakes) return [];
  const out: string[] = [];
  for (const c of calls) {
    if (c.calleeText !== name) continue;
    for (const k of c.keywords.keys()) if (!r.sameAsTakes.includes(k) && !out.includes(k)) out.push(k);
  }
  return out;
}

export default rule;
