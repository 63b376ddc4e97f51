/**
 * TL520 on Hub datasets known to still ship a loading script (session 20): `load_dataset("PolyAI/minds14", …)` raises
 * "Dataset scripts are no longer supported, but found minds14.py" on datasets ≥ 4.0 (`src/datasets/load.py`
 * `dataset_module_factory`, 4.0.0 to 5.0.1). A dated Hub fact: a warning on a known datasets ≥ 4.0, information when
 * the version is unknown, silent before 4.0 and at another revision.
 */
import assert from 'node:assert/strict';
import { HUB_SCRIPT_REPOS, knownHubScriptRepo } from '../../../server/src/engine/dataset/known-hub-script-repos';
import { LOADING_SCRIPT_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-loading-scripts';
import { MOVED_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-moved';
import { AUDIO_IMAGE_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-audio-image';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, extra = '') => `${pin}
from datasets import load_dataset
minds = load_dataset("PolyAI/minds14", name="en-US", split="train"${extra})
`;

function tl520(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/load.py').filter((d) => d.code === 'TL520')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL520: Hub datasets that still ship a loading script', () => {
  before(ready);

  it('warns on a pinned datasets 4.0.0 and 4.8.5 and an unpinned install (the newest known, 5.0.1), citing where the script was seen', () => {
    for (const pin of ['# pip install datasets==4.0.0', '# pip install datasets==4.8.5', '!pip install -q datasets transformers']) {
      const found = tl520(script(pin));
      assert.equal(found.length, 1, pin);
      assert.equal(found[0].severity, 'warning', pin);
      assert.match(found[0].message, /but found minds14\.py/, pin);
      assert.match(found[0].message, /last seen \(2025-07: huggingface\/transformers#39497/, pin);
      assert.match(found[0].message, /unless its owners have converted it since/, pin);
    }
  });

  it('is information when the datasets version is unknown, silent on datasets 3.6.0', () => {
    const [unknown] = tl520(script('# pip install numpy'));
    assert.equal(unknown?.severity, 'information');
    assert.match(unknown.message, /no longer runs \(the installed version is unknown: no installed copy of datasets was found, nor a pin or an install that names its release\)/);
    assert.deepEqual(tl520(script('# pip install datasets==3.6.0')), []);
  });

  it('is silent at a revision other than main (the Parquet export), fires at revision="main"', () => {
    assert.deepEqual(tl520(script('# pip install datasets==4.0.0', ', revision="refs/convert/parquet"')), []);
    assert.equal(tl520(script('# pip install datasets==4.0.0', ', revision="main"')).length, 1);
  });

  it('reports the script, not the dead trust_remote_code=True, on such a call', () => {
    const found = tl520(script('# pip install datasets==4.0.0', ', trust_remote_code=True'));
    assert.equal(found.length, 1);
    assert.match(found[0].message, /needs a dataset loading script/);
  });

  it('every entry is dated, counted and cited, names <last part of the id>.py, and no converted table lists it', () => {
    const converted = new Set([...LOADING_SCRIPT_HUB_DATASETS, ...MOVED_HUB_DATASETS, ...AUDIO_IMAGE_HUB_DATASETS].map((d) => d.id));
    assert.ok(HUB_SCRIPT_REPOS.length >= 5);
    for (const r of HUB_SCRIPT_REPOS) {
      assert.equal(r.script, `${r.id.split('/').pop()}.py`, r.id);
      assert.match(r.seen, /^20\d\d-\d\d$/, r.id);
      assert.match(r.evidence[0], /^[\w.-]+\/[\w.-]+#\d+ \([^)]*20\d\d-\d\d-\d\d/, r.id);
      assert.ok(r.uses.calls > 0, r.id);
      assert.ok(!converted.has(r.id), `${r.id} is also in a table of converted datasets`);
      assert.equal(knownHubScriptRepo(r.id), r);
    }
  });
});
