/**
 * TL528: `encode_plus` / `batch_encode_plus` removed from transformers 5's tokenizers (the 11th recall pass:
 * gazingstars123/Anima-Standalone-Trainer#48, oliverguhr/german-sentiment-lib#18); TL519 on the image
 * `…FeatureExtractor` aliases transformers 5 removed.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const only = (code: string) => (text: string) => lintSnippet(text).filter((d) => d.code === code);
const tl528 = only('TL528');
const tl519 = only('TL519');
const LOAD = 'from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained("bert-base-uncased")\n';

describe('TL528 tokenizer-encode-plus-removed', () => {
  before(ready);

  it('is an error on transformers 5, information when the version is unknown, silent on 4.x', () => {
    const call = 'enc = tok.batch_encode_plus(["a", "b"], padding=True)\n';
    for (const v of ['5.0.0', '5.2.0', '5.15.0']) {
      const [d] = tl528(`# pip install transformers==${v}\n${LOAD}${call}`);
      assert.equal(d?.severity, 'error', v);
      assert.match(d.message, /`tok\.batch_encode_plus\(…\)` was removed in transformers 5\.0 .*Call the tokenizer instead: `tok\(…\)`/);
      assert.equal(d.fixes[0].applicability, 'unsafe');
    }
    assert.equal(tl528(`# pip install transformers==4.57.1\n${LOAD}${call}`).length, 0);
    assert.equal(tl528(`${LOAD}${call}`)[0]?.severity, 'information');
  });

  it('offers a safe fix for encode_plus on a known 5.x', () => {
    const [d] = tl528(`# pip install transformers==5.2.0\n${LOAD}enc = tok.encode_plus("a", "b", return_tensors="pt")\n`);
    assert.equal(d?.severity, 'error');
    assert.equal(d.fixes[0].applicability, 'safe');
  });

  it('spares the families that keep the methods, and says what it assumed for an unnamed checkpoint', () => {
    const pin = '# pip install transformers==5.2.0\n';
    assert.equal(tl528(`${pin}from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained("microsoft/layoutlmv3-base")\ntok.encode_plus(["a"], boxes=[[0, 0, 1, 1]])\n`).length, 0);
    assert.equal(tl528(`${pin}from transformers import TapasTokenizer\ntok = TapasTokenizer.from_pretrained("google/tapas-base")\ntok.batch_encode_plus(table=t, queries=q)\n`).length, 0);
    const [d] = tl528(`${pin}import sys\nfrom transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained(sys.argv[1])\ntok.encode_plus("a")\n`);
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /assuming the checkpoint, which the script does not name, is not a LayoutLMv2\/v3/);
    assert.equal(tl528(`${pin}from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained("./my-model")\ntok.encode_plus("a")\n`)[0]?.severity, 'information');
  });

  it('reads only tokenizers the script loads', () => {
    const pin = '# pip install transformers==5.2.0\n';
    assert.equal(tl528(`${pin}from transformers import AutoProcessor\nproc = AutoProcessor.from_pretrained("x/y")\nproc.encode_plus("a")\n`).length, 0);
    assert.equal(tl528(`${pin}def f(tok):\n    return tok.encode_plus("a")\n`).length, 0);
    assert.equal(tl528(`${pin}from tokenizers import Tokenizer\ntok = Tokenizer.from_pretrained("bert-base-uncased")\ntok.encode_plus("a")\n`).length, 0);
  });
});

describe('TL519 image feature-extractor aliases', () => {
  before(ready);

  it('flags the aliases on transformers 5 (and their submodules), not on 4.57', () => {
    const [d] = tl519('# pip install transformers==5.8.0\nfrom transformers import CLIPFeatureExtractor\n');
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /`CLIPFeatureExtractor` is not in `transformers` since transformers 5\.0 .*use `CLIPImageProcessor`/);
    assert.equal(tl519('# pip install transformers==5.8.0\nfrom transformers.models.layoutlmv3 import LayoutLMv3FeatureExtractor\n')[0]?.severity, 'error');
    assert.equal(tl519('# pip install transformers==4.57.6\nfrom transformers import CLIPFeatureExtractor\n').length, 0);
    assert.equal(tl519('# pip install transformers==5.8.0\nfrom transformers import WhisperFeatureExtractor, CLIPImageProcessor\n').length, 0);
  });
});
