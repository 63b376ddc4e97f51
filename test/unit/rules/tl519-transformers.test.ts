/**
 * TL519 on transformers 5's removals: 4.57.6 has them; no 5.x release tag (5.0.0–5.15.0) nor the 5.17.0 and 5.18.0
 * wheels do, so the removal is transformers 5.0.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl519 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL519');
const script = (pin: string) => `${pin}\nfrom transformers import AutoProcessor, AutoModelForVision2Seq\n`;

describe('TL519 transformers names removed in 5.x', () => {
  before(ready);

  it('is an error from transformers 5.0, naming the replacement and the 4.x pin', () => {
    for (const v of ['5.0.0', '5.3.0', '5.16.0', '5.18.0']) {
      const [d] = tl519(script(`# pip install transformers==${v}`));
      assert.equal(d?.severity, 'error', v);
      assert.match(d.message, /`AutoModelForVision2Seq` is not in `transformers` since transformers 5\.0 .*ImportError; use `AutoModelForImageTextToText`.*pin `transformers<5\.0`/);
    }
  });

  it('is silent on 4.x, and information when the version is unknown', () => {
    assert.equal(tl519(script('# pip install transformers==4.57.6')).length, 0);
    assert.equal(tl519(script('# pip install transformers==4.46.0')).length, 0);
    const [d] = tl519(script(''));
    assert.equal(d.severity, 'information');
    assert.match(d.message, /the installed version is unknown/);
  });

  it('flags the names reached through the module: a call, and a method of the removed class', () => {
    const found = tl519('# pip install transformers==5.2.0\nimport transformers as hf\nds = hf.TextDataset(tokenizer=tok, file_path="a.txt", block_size=128)\nm = hf.AutoModelForVision2Seq.from_pretrained("x")\n');
    assert.deepEqual(found.map((d) => [d.severity, d.range.start.line]), [['error', 2], ['error', 3]]);
    assert.match(found[1].message, /`AutoModelForVision2Seq` is not in `transformers` since transformers 5\.0 .*AttributeError/);
    assert.equal(found[1].range.end.character - found[1].range.start.character, 'hf.AutoModelForVision2Seq'.length);
    assert.equal(tl519('# pip install transformers==5.2.0\nimport transformers\nm = transformers.AutoModelForImageTextToText.from_pretrained("x")\n').length, 0);
  });

  it('leaves an import whose ImportError the script handles, and names the module it was imported from only', () => {
    assert.equal(tl519('# pip install transformers==5.18.0\ntry:\n    from transformers import AutoModelForVision2Seq\nexcept ImportError:\n    from transformers import AutoModelForImageTextToText as AutoModelForVision2Seq\n').length, 0);
    assert.equal(tl519('# pip install transformers==5.18.0\nfrom mylib import AutoModelForVision2Seq, TextDataset\n').length, 0);
  });

  it('leaves the fallback of a failed import, which runs only where the try body\'s import failed (unslothai/unsloth loader.py)', () => {
    const fallback = (handler: string) => `# pip install transformers==5.18.0\ntry:\n    from transformers import AutoModelForImageTextToText\n    AutoModelForVision2Seq = AutoModelForImageTextToText\n${handler}\n    from transformers import AutoModelForVision2Seq\n`;
    assert.equal(tl519(fallback('except:')).length, 0);
    assert.equal(tl519(fallback('except (ImportError, AttributeError):')).length, 0);
    assert.equal(tl519(fallback('except KeyError:')).length, 1, 'a handler that does not catch a failed import');
    assert.equal(tl519('# pip install transformers==5.18.0\ntry:\n    model = load()\nexcept Exception:\n    from transformers import AutoModelForVision2Seq\n').length, 1, 'a try body that imports nothing');
  });
});
