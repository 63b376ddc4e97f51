/** The exact pins of a Modal image a script builds (`modal.Image.debian_slim().pip_install(…)`) are versions the script proves. */
import assert from 'node:assert/strict';
import { pinsFromScript } from '../../../server/src/engine/env/discover';
import { describeVersion } from '../../../server/src/engine/env/versions';
import { lintText } from '../../../server/src/engine/index';
import { ready } from '../helpers';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectModules } from '../../../server/src/engine/modules/project-modules';
import { CachedModuleProvider } from '../../../server/src/engine/modules/cached-provider';

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

describe('a Modal image imported from a project module', () => {
  before(ready);

  // Written for this test, in the shape of Shine1i/gec-grpo-training `src/gec/modal_infra.py` and `fine_tune.py`.
  const INFRA = [
    'import modal',
    '',
    '',
    'def get_image() -> modal.Image:',
    '    return (',
    '        modal.Image.debian_slim(python_version="3.12")',
    '        .uv_pip_install(',
    '            "trl==0.21.0",',
    '            "peft>=0.13.0",',
    '        )',
    '    )',
    '',
    'shared = modal.Image.debian_slim().pip_install("trl==0.17.0")',
    '',
  ].join('\n');
  const train = (importLine: string, use: string) => `import modal
${importLine}

app = modal.App("sft")
${use}

@app.function(gpu="A100", image=image)
def train():
    from trl import SFTConfig
    args = SFTConfig(output_dir="out", max_seq_length=1024)
`;
  const tl503 = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-modal-'));
    for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
    const m = new ProjectModules({ access: () => ({ roots: [dir], trusted: true }) });
    const path = join(dir, 'train.py');
    return lintText(path, files['train.py'], { modules: new CachedModuleProvider(m, true) }).diagnostics.filter((d) => d.code === 'TL503');
  };

  it("pins the functions it is passed to: a function that returns the image", () => {
    const found = tl503({ 'modal_infra.py': INFRA, 'train.py': train('from modal_infra import get_image', 'image = get_image()') });
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /TRL 0\.21\.0, from the Modal image's `pip_install` on line 8 of modal_infra\.py/);
  });

  it('pins the functions it is passed to: the image itself', () => {
    const found = tl503({ 'modal_infra.py': INFRA, 'train.py': train('from modal_infra import shared as image', '') });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /TRL 0\.17\.0, from the Modal image's `pip_install` on line 13 of modal_infra\.py/);
    assert.equal(found[0].severity, 'information', 'TRL 0.17.0 still takes max_seq_length (deprecated)');
  });

  it('says nothing when the script does not run its functions in it', () => {
    const found = tl503({ 'modal_infra.py': INFRA, 'train.py': train('from modal_infra import get_image', 'image = modal.Image.debian_slim()\nother = get_image') });
    assert.ok(found.every((d) => d.severity === 'information' && /installed version is unknown/.test(d.message)));
  });
});
