/**
 * TL522 (mahmoodlab/Patho-Bench#27): a `load_dataset` keyword no packaged builder configuration has, on datasets ≥ 4.0
 * (`src/datasets/load.py` and `builder.py` `_create_builder_config` at 4.0.0–4.8.5; loading scripts gone from 4.0.0).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string) => `# pip install ${pin}
from datasets import load_dataset
ds = load_dataset("MahmoodLab/Patho-Bench", dataset_to_download="cptac_ccrcc", field="data")
`;

function tl522(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/load.py').filter((d) => d.code === 'TL522')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL522: load_dataset keyword no builder configuration has', () => {
  before(ready);

  it('is an error on datasets 4.0.0 and 4.5.0 (Patho-Bench#27), for the unknown keyword only', () => {
    for (const pin of ['datasets==4.0.0', 'datasets==4.5.0', 'datasets==4.8.5']) {
      const found = tl522(script(pin));
      assert.equal(found.length, 1, pin);
      assert.equal(found[0].severity, 'error');
      assert.match(found[0].message, /`dataset_to_download=`.*doesn't have a 'dataset_to_download' key/);
    }
  });

  it('is silent on datasets 3.6.0, where a loading script may take it', () => {
    assert.deepEqual(tl522(script('datasets==3.6.0')), []);
  });

  it('is information on a release after the last one read, and when datasets is not pinned', () => {
    const [later] = tl522(script('datasets==5.0.1'));
    assert.equal(later?.severity, 'information');
    assert.match(later.message, /after datasets 4\.8\.5 were not read/);
    assert.equal(tl522(script('numpy'))[0]?.severity, 'information');
  });
});
