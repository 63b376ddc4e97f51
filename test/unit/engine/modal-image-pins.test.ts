/** The exact pins of a Modal image a script builds (`modal.Image.debian_slim().pip_install(…)`) are versions the script proves. */
import assert from 'node:assert/strict';
import { pinsFromScript } from '../../../server/src/engine/env/discover';
import { describeVersion } from '../../../server/src/engine/env/versions';
import { lintText } from '../../../server/src/engine/index';
import { ready } from '../helpers';

// Written for this test: an image pinned in a list across lines, as Modal training scripts build it.
const IMAGE = [
  'import modal',
  '',
  'image = (',
  '    modal.Image.debian_slim()',
  '    .pip_install(',
  '        [',
  '            "transformers==4.51.2",  # the release the run was tested with',
  "            'trl==0.16.1',",
  '            "peft>=0.15",',
  '        ],',
  '        extra_index_url="https://download.pytorch.org/whl/cu121",',
  '    )',
  '    .uv_pip_install("datasets==3.5.0", f"accelerate=={1}")',
  ')',
  '',
].join('\n');

describe('a Modal image\'s pip_install pins', () => {
  before(ready);

  it('are exact versions, each from its line', () => {
    const env = pinsFromScript(IMAGE);
    assert.equal(env.get('transformers')?.version, '4.51.2');
    assert.equal(env.get('trl')?.version, '0.16.1');
    assert.equal(env.get('datasets')?.version, '3.5.0');
    assert.match(describeVersion('TRL', env.get('trl')!), /TRL 0\.16\.1, from the Modal image's `pip_install` on line 8/);
  });

  it('leave out open requirements, keyword arguments and f-strings', () => {
    const env = pinsFromScript(IMAGE);
    assert.equal(env.get('peft'), undefined, 'an open requirement is resolved when Modal builds the image');
    assert.equal(env.get('accelerate'), undefined);
  });

  it('count only in a script that uses Modal', () => {
    const env = pinsFromScript(IMAGE.replace('import modal', 'import other_builder as modal'));
    assert.equal(env.get('trl'), undefined);
  });

  it('decide a version-gated finding the script would otherwise leave open', () => {
    const script = `${IMAGE}
with image.imports():
    from trl import SFTConfig

args = SFTConfig(output_dir="out", max_seq_length=1024)
`;
    const findings = lintText('/tmp/modal_train.py', script).diagnostics.filter((d) => d.code === 'TL503');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /TRL 0\.16\.1, from the Modal image's `pip_install` on line 8/);
    assert.doesNotMatch(findings[0].message, /installed version is unknown/);
  });
});
