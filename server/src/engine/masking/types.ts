/**
 * Input and output contract of the loss-masking preview.
 *
 * The input (`MaskingPlan`) is what the script analysis knows about a training run: a few
 * dataset rows, the chat template, the tokenizer and the pipeline that builds labels.
 * The output (`MaskingPreview`) is the stable JSON contract of
 * `trainlint preview-masking FILE --format json`.
 */
import type { ChatMessage } from '../chat/render';

export type { ChatMessage };

/** One dataset row, in whichever shape the dataset has. */
export interface PlanRow {
  /** Row index in the dataset (reported back as `row`). */
  row: number;
  /** Conversational row (`messages`, or ShareGPT already mapped to role/content). */
  messages?: ChatMessage[];
  /** Language-modeling row (`dataset_text_field`, or the output of a formatting function). */
  text?: string;
  /** Prompt-completion row: strings, or message lists (conversational prompt-completion). */
  prompt?: string | ChatMessage[];
  completion?: string | ChatMessage[];
  /** The dataset row has a `prompt` and no `completion` (TRL ≥ 0.17 fails on it: trl-sft.ts). */
  promptWithoutCompletion?: boolean;
  /** Pre-tokenized row. */
  inputIds?: number[];
  /** Pre-computed labels (`-100` = masked). */
  labels?: number[];
  /** Tools passed to the template for this row. */
  tools?: unknown[];
}

export type MaskingPipeline =
  | {
      /** Unsloth `train_on_responses_only(trainer, instruction_part, response_part, ...)`. */
      kind: 'unsloth-responses-only';
      /** Both or neither; neither = auto-detected from the template (zoo ≥ 2026.6.7). */
      instructionPart?: string;
      responsePart?: string;
      /** Default true (zoo ≥ 2025.3.9); false = the older core/optional-token matching. */
      forceMatch?: boolean;
      lastResponseOnly?: boolean;
    }
  | {
      /** TRL `SFTTrainer` with its own collator. */
      kind: 'trl-sft';
      /** Installed TRL version; unknown = the newest behaviour we model (1.9), or `assumedTrl`. */
      trlVersion?: string;
      /** With the version unknown, the release whose behaviour is shown instead of the newest, and why. */
      assumedTrl?: { version: string; why: string };
      /** `SFTConfig.completion_only_loss`; undefined = TRL's default (on for prompt-completion rows). */
      completionOnlyLoss?: boolean;
      assistantOnlyLoss?: boolean;
    }
  | {
      /** TRL `DataCollatorForCompletionOnlyLM` (TRL 0.4 – 0.19). */
      kind: 'completion-only-collator';
      responseTemplate: string | number[];
      instructionTemplate?: string | number[];
      /** TRL version of the surrounding `SFTTrainer` (tokenization rules); unknown = 0.19. */
      trlVersion?: string;
    }
  | {
      /** transformers `DataCollatorForLanguageModeling(tokenizer, mlm=False)`: pad-id masking. */
      kind: 'transformers-lm';
      /** Set when the collator is passed to an `SFTTrainer`: rows are tokenized by that TRL version. */
      trlVersion?: string;
    }
  | {
      /** Rows carry `labels`, kept as they are (`DataCollatorForSeq2Seq`, `default_data_collator`). */
      kind: 'precomputed-labels';
    }
  | {
      /**
       * Nothing creates labels (domain/label-source.ts, the verdict TL001/TL002 report): rows are
       * tokenized as the trainer would, and no token is trained.
       */
      kind: 'no-labels';
      /** Set when an `SFTTrainer` tokenizes the rows: that TRL version's (or Unsloth's) encoding. */
      trlVersion?: string;
    };

/** A token added to a tokenizer (`add_special_tokens` / `add_tokens`): the text always becomes this one token. */
export interface AddedTokenSpec {
  content: string;
  /** A special token (`skip_special_tokens` drops it when decoding). */
  special: boolean;
  /** The token takes the whitespace on its left / right, or matches only as a whole word (the library's flags). */
  lstrip?: boolean;
  rstrip?: boolean;
  singleWord?: boolean;
  /** Matched on the normalized text instead of the raw text. */
  normalized?: boolean;
}

/** What a call of the script does to the tokenizer before training (TRL's `setup_chat_format`, `clone_chat_template`). */
export interface TokenizerEdit {
  /**
   * Tokens added, in order. A text the tokenizer already knows keeps its id; a new one gets the next id after the
   * vocabulary and the added tokens (the tokenizers library's `AddedVocabulary.add_tokens`).
   */
  addedTokens: AddedTokenSpec[];
  /** Leave out the added tokens whose text the vocabulary already has (clone_chat_template from TRL 0.20). */
  skipKnown?: boolean;
  bosToken?: string;
  eosToken?: string;
  padToken?: string;
  chatTemplate?: string;
}

/** The tokenizer a `clone_chat_template` copies from, as read from the local Hugging Face cache. */
export interface SourceTokenizer {
  /** `tokenizer_source.get_chat_template()`: its default template (undefined: it has none). */
  chatTemplate?: string;
  eosToken?: string;
  /** `added_tokens_decoder`, by id. */
  addedTokens: AddedTokenSpec[];
}

/** A TRL call that changes the trainer's tokenizer before training (script-plan.ts finds it, tokenizer-setup.ts applies it). */
export interface TokenizerSetup {
  helper: 'setup_chat_format' | 'clone_chat_template';
  /** Where the call is ("line 12", "cell 3, line 2"). */
  where: string;
  /** The installed TRL version, when known. */
  trlVersion?: string;
  /** `clone_chat_template`: the source tokenizer's id or path, when it evaluates to a string. */
  sourceId?: string;
  /** `clone_chat_template`: the source as read offline, or why it could not be (undefined: not looked up). */
  source?: SourceTokenizer | { missing: string };
  /**
   * The script assigns `tokenizer.chat_template` before the call: `None` (`none`) or a template (`set`); `unknown`: under
   * a condition the script does not decide.
   */
  templateBefore?: 'none' | 'set' | 'unknown';
  /** The call is in the body of a `try:` (what it raises may be handled). */
  inTry?: boolean;
  /** The call runs only when the tokenizer has no chat template (`if tokenizer.chat_template is None:`). */
  ifNoTemplate?: boolean;
  /** The TRL version is an assumption (an unpinned install: the newest known), said with it in messages. */
  trlAssumed?: string;
}

export interface MaskingPlan {
  rows: PlanRow[];
  /** `get_chat_template(tokenizer, chat_template=name)` or a literal template; else the tokenizer's own. */
  template?: { name?: string; source?: string };
  /**
   * `from_pretrained` id (looked up offline in the Hugging Face cache, or a local path) or a
   * directory; `baseDir` resolves relative paths (the script's folder).
   */
  tokenizer?: { modelId?: string; dir?: string; revision?: string; baseDir?: string };
  pipeline: MaskingPipeline;
  /** Effective max length (`max_length` / `max_seq_length`); undefined = the pipeline's default. */
  maxLength?: number;
  /** `packing=True` in the SFT config (rows are still previewed one by one). */
  packing?: boolean;
  /** `tokenizer.pad_token = tokenizer.eos_token` in the script. */
  padEqualsEos?: boolean;
  /** An explicit pad token string set in the script. */
  padToken?: string;
  /** The script sets a pad token (other than EOS), perhaps one whose spelling is not known statically. */
  padTokenSet?: boolean;
  /** Force `add_special_tokens` when text is tokenized (e.g. the script passes it explicitly). */
  addSpecialTokens?: boolean;
  /** Unsloth is imported first: its dataset preparation replaces TRL's (masking-spec §3.5). */
  unsloth?: boolean;
  /** unsloth-zoo version when known (double-BOS guard, force_match default). */
  unslothZooVersion?: string;
  /** Extra chat-template variables (`chat_template_kwargs`). */
  templateVariables?: Record<string, unknown>;
  /**
   * TRL calls that change the tokenizer before the trainer gets it, in the order they run. Their chat template is the
   * active one unless `template` is set (a template the script sets after them).
   */
  tokenizerSetups?: TokenizerSetup[];
}

/** One token of a previewed sample. */
export interface PreviewToken {
  id: number;
  /** The token's own characters in the tokenized text (special tokens spelled out). */
  text: string;
  /** `-100` when no loss is computed for predicting this token, else the target id. */
  label: number;
}

export interface PreviewSample {
  row: number;
  tokens: PreviewToken[];
  /** Number of tokens after truncation. */
  total: number;
  /** Tokens with a label other than -100. */
  trained: number;
  /** The tokenized row was longer than the effective max length and was cut (keep_start). */
  truncated: boolean;
  warnings: string[];
}

export interface MaskingPreview {
  /** True when no real tokenizer was used (piece-level approximation). */
  approximate: boolean;
  /** Where the chat template came from ("TRL setup_chat_format: ChatML", "the tokenizer's own"); absent without one. */
  template?: string;
  /** What the script's calls changed in the tokenizer before training (added tokens and their ids, EOS, BOS, pad). */
  tokenizerChanges?: string[];
  warnings: string[];
  samples: PreviewSample[];
}

/** A token with the characters it covers. */
export interface TokenSpan {
  id: number;
  text: string;
}

/**
 * The tokenizer as the preview needs it. Implemented over a real `tokenizer.json`
 * (`hf-tokenizer.ts`) or by the piece-level approximation (`approx-tokenizer.ts`).
 */
export interface TextTokenizer {
  readonly approximate: boolean;
  /** Where the tokenizer came from (model id or directory), for messages. */
  readonly source: string;
  readonly bosToken?: string;
  readonly eosToken?: string;
  readonly padToken?: string;
  readonly unkToken?: string;
  /** The tokenizer's own chat template, when it ships one. */
  readonly chatTemplate?: string;
  /** `tokenizer(text, add_special_tokens=...)`. */
  encode(text: string, addSpecialTokens: boolean): TokenSpan[];
  /** Spell out ids (pre-tokenized rows). */
  describe(ids: readonly number[]): TokenSpan[];
  /** Id of a token string (special tokens), if it is one token of the vocabulary. */
  tokenId(token: string): number | undefined;
  /** The tokens added on top of the model's vocabulary (`added_tokens_decoder`), by id, when known. */
  readonly addedTokens?: readonly AddedTokenSpec[];
  /** The tokenizer after `edit` (tokenizer-edit.ts falls back to splitting the text when this is absent). */
  withEdit?(edit: TokenizerEdit): TextTokenizer;
}
