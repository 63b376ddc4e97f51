/**
 * TL522 (mahmoodlab/Patho-Bench#27): a `load_dataset` keyword no packaged builder configuration has, on datasets ≥ 4.0
 * (`src/datasets/load.py` and `builder.py` `_create_builder_config` at 4.0.0–5.0.1; loading scripts gone from 4.0.0).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

// A `# /// script` block is what `uv run` installs (it runs); `-U datasets` is the same unpinned requirement.
const script = (pin: string) => `# /// script
# dependencies = ["${pin.replace(/^-U /, '')}"]
# ///
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

  it('is an error on datasets 5.0.0 and 5.0.1, pinned or installed unpinned (the newest known, 5.0.1), citing the releases read', () => {
    for (const pin of ['datasets==5.0.0', 'datasets==5.0.1', 'datasets', '-U datasets']) {
      const found = tl522(script(pin));
      assert.equal(found.length, 1, pin);
      assert.equal(found[0].severity, 'error', pin);
      assert.match(found[0].message, /in datasets 4\.0\.0–5\.0\.1 \(every release read\)/, pin);
    }
  });

  it('takes the fields of the builders datasets 5.0.0 added (conll, tsfile, iceberg) on 5.0.1', () => {
    const text = `# pip install datasets==5.0.1
from datasets import load_dataset
a = load_dataset("conll", data_files="t.conll", skip_docstart=False, comment_prefix="#")
b = load_dataset("tsfile", data_files="d.tsfile", table_name="t", timestamp_unit="s", output_batch_size=8)
c = load_dataset("iceberg", data_files="x", snapshot_id=1, catalog={})
`;
    assert.deepEqual(tl522(text), []);
  });

  it('names the replacement of use_auth_token= and ignore_verifications= (removed in 3.0)', () => {
    const found = tl522(`# pip install datasets==5.0.1
from datasets import load_dataset
ds = load_dataset("imdb", use_auth_token=True, ignore_verifications=True, trust_remote_code=True, num_proc=2)
`);
    assert.deepEqual(found.map((d) => d.severity), ['error', 'error']);
    assert.match(found[0].message, /`use_auth_token=`.*removed in datasets 3\.0.*pass `token=` instead/);
    assert.match(found[1].message, /`ignore_verifications=`.*verification_mode="no_checks"/);
  });

  it('is information on a release after the last one read, and when datasets is not pinned', () => {
    for (const pin of ['datasets==5.0.2', 'datasets==5.1.0']) {
      const [later] = tl522(script(pin));
      assert.equal(later?.severity, 'information', pin);
      assert.match(later.message, /after datasets 5\.0\.1 were not read/);
    }
    const [unknown] = tl522(script('numpy'));
    assert.equal(unknown?.severity, 'information');
    assert.match(unknown.message, /in datasets ≥ 4\.0/);
  });
});
