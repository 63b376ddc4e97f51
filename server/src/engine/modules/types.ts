/**
 * What the engine knows of the other Python files of a script's project (`project-modules.ts`): the
 * module-level constants and trainer subclasses a script imports from them, and whether every project file
 * that imports the script loads Unsloth first. Plain data; answered without I/O while linting.
 */
import type { PyValue } from '../facts/values';

/** A name a project module defines at module level, as far as trainlint can tell without running it. */
export interface ImportedName {
  /** The project file that defines it. */
  path: string;
  /** A constant's value (every module-level assignment agrees), when it evaluates. */
  value?: PyValue;
  /** A class that is a library trainer through its bases (`class LLaVATrainer(Trainer)`): that trainer and what the classes on the way define. */
  trainer?: { base: string; overrides: string[] };
  /** A function that provably returns a model it loads (`domain/model-loader.ts`). */
  loader?: ModelLoader;
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
