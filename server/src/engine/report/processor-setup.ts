/**
 * Builds a `RowProcessor` from plain data (what a measuring worker thread receives): the script
 * text is parsed and analysed here (no rules, no data reads), the trainer's plan is taken from it,
 * and the tokenizer is the one the coordinator located (its folder), or the approximation.
 */
import { ParsedScript } from '../syntax/parsed-script';
import { initParser } from '../syntax/parser';
import { ScriptDocument } from '../syntax/script-document';
import { Environment, type PackageVersion } from '../env/versions';
import { lint } from '../lint/lint';
import { approximateTokenizer } from '../masking/approx-tokenizer';
import { prepareRun } from '../masking/preview';
import { rowSpecialTokens, trainerPlan } from '../masking/script-plan';
import { loadTokenizerDir } from '../masking/tokenizer-store';
import { PieceCachedTokenizer } from '../masking/piece-cache';
import type { SourceTokenizer, TextTokenizer } from '../masking/types';
import { RowProcessor } from './row-processor';

export interface ProcessorSetup {
  path: string;
  /** The script's text (a notebook's code cells joined). */
  text: string;
  env: Array<[string, PackageVersion]>;
  trainer: number;
  /** Folder of tokenizer.json (real tokenizer), or the approximation's family. */
  tokenizer: { dir: string; source: string } | { approximate: true; family?: string; source: string };
  /** The tokenizers the script's `clone_chat_template` calls copy from, read by the coordinator (by source id). */
  setupSources?: Array<[string, SourceTokenizer | { missing: string }]>;
}

/** What the set-up found about the whole run (the report's header takes it from the first thread). */
export interface RunInfo {
  /** Template, pipeline and tokenizer warnings of the run. */
  warnings: string[];
  maxLength?: number;
  tokenizer: string;
}

export interface BuiltProcessor { processor: RowProcessor; info: RunInfo; dispose(): void }

/** A processor for `setup`; `tokenizer` short-circuits loading (the in-process measurer). Throws with a message on failure. */
export async function buildProcessor(setup: ProcessorSetup, loaded?: TextTokenizer): Promise<BuiltProcessor> {
  await initParser();
  // Many rows: tokenize by cached pieces (exactly the library's result; see piece-cache.ts).
  const tok = PieceCachedTokenizer.wrap(loaded ?? ('dir' in setup.tokenizer
    ? await loadTokenizerDir(setup.tokenizer.dir, setup.tokenizer.source)
    : approximateTokenizer(setup.tokenizer.family, setup.tokenizer.source)));
  // A notebook arrives as its joined code cells: parsed as the script it is.
  const doc = ScriptDocument.fromPython(setup.path, setup.text);
  const script = ParsedScript.parse(doc.text);
  try {
    const { analysis: a } = lint({ doc, script, env: new Environment(new Map(setup.env)), rules: [] });
    const tp = trainerPlan(a, { trainer: setup.trainer, unkToken: tok.unkToken, setupSources: setup.setupSources && new Map(setup.setupSources) });
    if (!('plan' in tp)) throw new Error('error' in tp ? tp.error : 'several trainers');
    const out: string[] = [];
    const run = prepareRun(tp.plan, tok.approximate ? undefined : tok, out);
    if ('failed' in run) throw new Error(out[out.length - 1] ?? 'the pipeline could not be prepared');
    const processor = new RowProcessor(a, tp, run, { facts: a.facts, ...rowSpecialTokens(tp, tok.eosToken, tok.bosToken) });
    const info: RunInfo = { warnings: out.filter((w) => !w.startsWith('approximate preview')), maxLength: run.pipeline.maxLength, tokenizer: run.ctx.tok.source };
    return { processor, info, dispose: () => script.dispose() };
  } catch (e) {
    script.dispose();
    throw e;
  }
}
