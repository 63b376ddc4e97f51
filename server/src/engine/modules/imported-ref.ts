/**
 * From a name or attribute chain of a script to the project module and name it denotes through the
 * script's imports: `MODEL_NAME` after `from src.config import MODEL_NAME` is (`src.config`, `MODEL_NAME`);
 * `cfg.MODEL_NAME` after `import src.config as cfg` or `from src import config as cfg` is (`src.config`, …);
 * `src.config.MODEL_NAME` after `import src.config` too. Imports of the libraries trainlint knows (and of
 * Python's own modules) are never project modules: they are not looked up at all.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts, ImportFact } from '../facts/types';

/** Top-level modules that are libraries or Python's own, never a script's project: no lookup, no disk. */
const LIBRARIES = new Set(('os sys re json math time random typing dataclasses functools itertools collections pathlib glob shutil ' +
  'subprocess argparse logging warnings copy pickle gc io csv datetime enum abc inspect contextlib tempfile uuid hashlib ' +
  'string textwrap traceback signal socket threading multiprocessing asyncio unittest platform importlib types operator ' +
  'statistics fractions decimal numbers struct zipfile tarfile gzip bz2 lzma base64 urllib http email xml html sqlite3 ' +
  'pprint getpass builtins __future__ ' +
  'torch torchvision torchaudio numpy np pandas scipy sklearn transformers trl peft datasets accelerate unsloth unsloth_zoo ' +
  'bitsandbytes deepspeed evaluate tokenizers huggingface_hub safetensors sentencepiece tiktoken wandb tensorboard mlflow ' +
  'tqdm yaml omegaconf hydra fire click typer rich einops flash_attn xformers vllm openai anthropic langchain jinja2 ' +
  'matplotlib seaborn PIL cv2 requests aiohttp pydantic jsonlines pyarrow polars nltk spacy optimum liger_kernel ' +
  'lightning pytorch_lightning jax flax tensorflow keras google colab IPython dotenv packaging diffusers adapters marimo ' +
  'gradio streamlit fastapi boto3 sagemaker modal ray timm open_clip sentence_transformers setuptools').split(' '));

export interface ModuleRef { module: string; name: string }

/** `a.b` + `c` → `a.b.c`; `.` + `c` → `.c` (a relative import's dots are the start of the path). */
function joinModule(module: string, parts: readonly string[]): string {
  if (!parts.length) return module;
  return /^\.*$/.test(module) ? module + parts.join('.') : `${module}.${parts.join('.')}`;
}

/** Whether a module path may be the project's (relative, or not a known library's). */
export function mayBeProjectModule(module: string): boolean {
  if (module.startsWith('.')) return true;
  let yes = projectModules.get(module);
  if (yes === undefined) {
    const dot = module.indexOf('.');
    yes = module !== '' && !LIBRARIES.has(dot < 0 ? module : module.slice(0, dot));
    if (projectModules.size >= 4096) projectModules.clear();
    projectModules.set(module, yes);
  }
  return yes;
}

/** `mayBeProjectModule` answers by name (asked for every qualified call of a script on every edit). */
const projectModules = new Map<string, boolean>();

/** The binding of `local` by an import (the last one, as `qualifyLocal` reads them). */
function importOf(facts: Pick<FileFacts, 'imports'>, local: string): ImportFact | undefined {
  for (let i = facts.imports.length - 1; i >= 0; i--) if (facts.imports[i].local === local) return facts.imports[i];
  return undefined;
}

/** The dotted names of an identifier or attribute chain (`a.b.c` → [a, b, c]), or undefined. */
export function dottedParts(node: Node): string[] | undefined {
  const out: string[] = [];
  let n: Node | null = node;
  while (n && n.type === 'attribute') {
    const attr = n.childForFieldName('attribute');
    if (!attr) return undefined;
    out.unshift(attr.text);
    n = n.childForFieldName('object');
  }
  if (!n || n.type !== 'identifier') return undefined;
  out.unshift(n.text);
  return out;
}

/** The project module and name `parts` (`[root, …attributes]`) denote through the imports of `facts`. */
export function importedRefOf(facts: Pick<FileFacts, 'imports'>, parts: readonly string[]): ModuleRef | undefined {
  const imp = importOf(facts, parts[0]);
  if (!imp) return undefined;
  const rest = parts.slice(1);
  let ref: ModuleRef | undefined;
  if (imp.name !== undefined) {
    ref = rest.length === 0 ? { module: imp.module, name: imp.name } : { module: joinModule(imp.module, [imp.name, ...rest.slice(0, -1)]), name: rest[rest.length - 1] };
  } else if (rest.length) {
    // `import a.b.c` binds `a`; `import a.b as x` binds `x` to `a.b`.
    const base = imp.local === imp.module.split('.')[0] ? imp.local : imp.module;
    ref = { module: joinModule(base, rest.slice(0, -1)), name: rest[rest.length - 1] };
  }
  return ref && mayBeProjectModule(ref.module) ? ref : undefined;
}

/** `importedRefOf` for a name or attribute node. */
export function importedRef(facts: Pick<FileFacts, 'imports'>, node: Node): ModuleRef | undefined {
  if (!facts.imports.length) return undefined;
  const parts = dottedParts(node);
  return parts && importedRefOf(facts, parts);
}
