/** TL519 on transformers 5's removals: known only at the releases read (4.57.6 has them; 5.17.0 and 5.18.0 do not). */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl519 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL519');
const script = (pin: string) => `${pin}\nfrom transformers import AutoProcessor, AutoModelForVision2Seq\n`;

describe('TL519 transformers names removed in 5.x', () => {
  before(ready);

  it('is an error from the first 5.x release read without the name, naming the replacement and the 4.x pin', () => {
    const [d] = tl519(script('# pip install transformers==5.17.0'));
    assert.equal(d.severity, 'error');
    assert.match(d.message, /`AutoModelForVision2Seq` is not in `transformers` since transformers 5\.17 at the latest .*ImportError; use `AutoModelForImageTextToText`.*pin `transformers<5`/);
  });

  it('is information on a 5.x release before those read, saying the releases between were not read', () => {
    const [d] = tl519(script('# pip install transformers==5.3.0'));
    assert.equal(d.severity, 'information');
    assert.match(d.message, /transformers 5\.3\.0.*the releases between transformers 5\.0 and 5\.17 were not read/);
    assert.equal(tl519(script('# pip install transformers==5.3.0\nimport transformers\nif transformers.__version__ < "5":\n    pass')).length, 1, 'an unrelated check changes nothing');
  });

  it('is silent on 4.x, and information when the version is unknown', () => {
    assert.equal(tl519(script('# pip install transformers==4.57.6')).length, 0);
    assert.equal(tl519(script('# pip install transformers==4.46.0')).length, 0);
    const [d] = tl519(script(''));
    assert.equal(d.severity, 'information');
    assert.match(d.message, /the installed version is unknown/);
  });

  it('leaves an import whose ImportError the script handles, and names the module it was imported from only', () => {
    assert.equal(tl519('# pip install transformers==5.18.0\ntry:\n    from transformers import AutoModelForVision2Seq\nexcept ImportError:\n    from transformers import AutoModelForImageTextToText as AutoModelForVision2Seq\n').length, 0);
    assert.equal(tl519('# pip install transformers==5.18.0\nfrom mylib import AutoModelForVision2Seq, TextDataset\n').length, 0);
  });
});
