/**
 * TL519 on `AdamW` (transformers 4.50 removed it; FutureWarning from 4.16) and `HybridCache` (removed in 5.0, deprecated
 * from 4.56): huggingface/course#865 and transformers#36954, transformers#45278 (the 9th recall pass).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl519 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL519');

describe('TL519 AdamW and HybridCache', () => {
  before(ready);

  it('flags `from transformers import AdamW` as an error from 4.50, information with the Deprecated tag from 4.16, silent before', () => {
    const at = (v: string) => tl519(`# pip install transformers==${v}\nfrom transformers import AdamW\n`);
    for (const v of ['4.50.0', '4.51.3', '5.0.0']) {
      const [d] = at(v);
      assert.equal(d?.severity, 'error', v);
      assert.match(d.message, /`AdamW` is not in `transformers` since transformers 4\.50 .*ImportError; use `torch\.optim\.AdamW`/);
    }
    const [dep] = at('4.49.0');
    assert.equal(dep.severity, 'information');
    assert.deepEqual(dep.tags, ['deprecated']);
    assert.equal(at('4.15.0').length, 0);
    const [unknown] = tl519('from transformers import AdamW\n');
    assert.equal(unknown.severity, 'information');
  });

  it('reads the submodule the optimizer was also imported from, and the module attribute', () => {
    assert.equal(tl519('# pip install transformers==4.51.3\nfrom transformers.optimization import AdamW\n')[0]?.severity, 'error');
    assert.equal(tl519('# pip install transformers==4.51.3\nimport transformers\nopt = transformers.AdamW(params, lr=1e-5)\n')[0]?.severity, 'error');
    assert.equal(tl519('# pip install transformers==4.51.3\nfrom torch.optim import AdamW\n').length, 0);
    assert.equal(tl519('# pip install transformers==4.51.3\nfrom transformers.trainer import AdamW\n').length, 0);
  });

  it('flags HybridCache on transformers 5, not on 4.55', () => {
    const [d] = tl519('# pip install transformers==5.5.0\nfrom transformers import Cache, HybridCache\n');
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /`HybridCache` is not in `transformers` since transformers 5\.0 .*`StaticCache`/);
    assert.equal(tl519('# pip install transformers==4.55.0\nfrom transformers import HybridCache\n').length, 0);
    assert.equal(tl519('# pip install transformers==5.5.0\nfrom transformers.cache_utils import HybridCache\n')[0]?.severity, 'error');
  });
});
