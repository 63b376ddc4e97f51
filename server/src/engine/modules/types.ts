/**
 * What the engine knows of the other Python files of a script's project (`project-modules.ts`): the
 * module-level constants and trainer subclasses a script imports from them, and whether every project file
 * that imports the script loads Unsloth first. Plain data; answered without I/O while linting.
 */
import type { PyValue } from '../facts/values';
import type { ConfigFormat } from './config-file';

/** A config file read for a script: its value and the file it came from. */
export interface ConfigAnswer {
  path: string;
  value: PyValue;
}

/** A name a project module defines at module level, as far as trainlint can tell without running it. */
export interface ImportedName {
  /** The project file that defines it. */
  path: string;
  /** A constant's value (every module-level assignment agrees), when it evaluates. */
  value?: PyValue;
  /**
   * A class that is a library trainer through its bases (`class LLaVATrainer(Trainer)`): that trainer, what the classes
   * on the way define and the keywords their `__init__`s take for themselves.
   */
  trainer?: { base: string; overrides: string[]; consumes: string[]; init?: import('../facts/class-syntax').InitPasses };
  /** A function that provably returns a model it loads (`domain/model-loader.ts`). */
  loader?: ModelLoader;
  /** A function that provably returns the model it is given, with PEFT adapters added or not (`domain/model-loader.ts`). */
  wrapper?: ModelWrapper;
  /**
   * A Modal image the module builds (`image = modal.Image.debian_slim().pip_install("trl==0.16.1")`, or a function that
   * returns one): the exact pins of its `pip_install(…)` calls, each with its 0-based line in `path` (`env/modal-image.ts`).
   */
  modalImage?: Array<{ name: string; version: string; line: number }>;
}

/** A PEFT wrap a project function makes, as a script's trace needs it (`domain/peft-wraps.ts` `ModelWrap`). */
export interface WrapSummary {
  /** The wrapper as written there (`get_peft_model`, `FastLanguageModel.get_peft_model`). */
  calleeText: string;
  /** Whether the PEFT model's class declares `labels` (TL307), when the module tells. */
  declaresLabels?: boolean;
}

/**
 * A project function that returns the model it is given (`def apply_lora(model): … return get_peft_model(model,
 * lora_config)`), through PEFT wraps or not (`prepare_model_for_kbit_training`, `.to(…)`).
 */
export interface ModelWrapper {
  /** The model parameter: its name, its position when it can be passed positionally. */
  param: { name: string; index?: number };
  /** The PEFT wraps on the way, outermost first. */
  wraps: WrapSummary[];
}

/**
 * A project function that returns the model it loads (`def load_base_model(model_name=BASE_MODEL_NAME): model =
 * AutoModelForCausalLM.from_pretrained(model_name, …); return model`), as a script calling it needs it: the id is
 * the argument the call passes for `param` (else its default, evaluated where the function is defined), or `id`.
 */
export interface ModelLoader {
  /** `FastLanguageModel`/`FastModel` (Unsloth) rather than a transformers class. */
  unsloth: boolean;
  /** The receiver class of the load (`AutoModelForCausalLM`). */
  cls: string;
  /** The id when it does not come from a parameter and evaluates. */
  id?: string;
  /**
   * The parameter the id is: its name, its position when it can be passed positionally, its default's value; with
   * `attr`, the id is that attribute of the object passed (`cfg.model_name`), exact only for the config objects
   * `facts/attributes.ts` evaluates where the call is.
   */
  param?: { name: string; index?: number; hasDefault: boolean; defaultId?: string; attr?: string };
  /** Whether the load quantizes, from its arguments other than the id (none of them reads a parameter). */
  quantization: { value?: boolean; byId: boolean };
  /** Unsloth's `max_seq_length=`, when it evaluates. */
  maxSeqLength?: number;
  /** The names of the load call's keyword arguments. */
  keywords: string[];
  /** The function returns a tuple: the model is this item (`return model, tokenizer` → 0). */
  item?: number;
  /** PEFT wraps the function adds to the model it loads before returning it, outermost first. */
  wraps?: WrapSummary[];
}

/** Who imports a project file, and whether each of them has loaded Unsloth by then (TL601). */
export interface ImportOrder {
  /** Project files that import the file (the scan stops at the first one that does not load Unsloth first). */
  importers: string[];
  /** Every one of them imports Unsloth (itself or through a project module) before it imports the file. */
  unslothFirst: boolean;
}

/** One answer a lookup gave (compared by identity: the cache keeps an unchanged answer's object). */
export interface ModuleRead {
  readonly key: string;
  readonly answer: unknown;
}

/**
 * Answers questions about the script's project modules synchronously, from what was already read: the
 * diagnostics path never waits for disk. `undefined` means not known (not read yet, not a project module,
 * ambiguous, not a constant): rules treat it as the unknown it is.
 */
export interface ModuleProvider {
  /** `name` as project module `module` (dotted, `.`-relative) imported from `fromPath` defines it. */
  lookup(fromPath: string, module: string, name: string): ImportedName | undefined;
  /**
   * The value of the config file a script at `fromPath` reads (`modules/config-file.ts`): `path` as written, relative to
   * the script's folder (`base: 'script'`, `Path(__file__).parent / …`) or to the folder Python runs from (`'cwd'`: the
   * script's folder or its project's root, when exactly one of them holds it). Undefined when not read yet, absent,
   * ambiguous, unreadable or not valid.
   */
  configFile?(fromPath: string, path: string, base: 'script' | 'cwd', format: ConfigFormat): ConfigAnswer | undefined;
  /** The project files importing `path` (TL601); `'pending'` until the scan has run (the rule waits for it). */
  importOrder?(path: string): ImportOrder | 'pending' | undefined;
  /** From now on each lookup adds what it answered to `reads` (undefined: stop); see `DataSourceProvider.record`. */
  record?(reads: ModuleRead[] | undefined): void;
  /** Whether each of `reads` would be answered the same now (they then count as this lint's lookups). */
  reuse?(reads: readonly ModuleRead[]): boolean;
}

/** The project modules a script's facts may look into: the script's path and who answers. */
export interface ModuleScope {
  path: string;
  provider: ModuleProvider;
}
