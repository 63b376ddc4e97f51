/** How pip resolves a script's unpinned TRL install against the transformers the script pins. */
import assert from 'node:assert/strict';
import { LATEST_KNOWN } from '../../../server/src/engine/env/latest-known';
import { pinsFromScript } from '../../../server/src/engine/env/discover';
import { describeVersion, unknownNote } from '../../../server/src/engine/env/versions';

describe('an unpinned TRL install beside a transformers pin', () => {
  it('in a later command upgrades transformers past the pin (hazemzidan4545 NLP.ipynb)', () => {
    const env = pinsFromScript('!pip install -q transformers==4.46.1 datasets peft\n!pip install -q trl --upgrade\n', { notebook: true });
    assert.equal(env.get('transformers')?.version, LATEST_KNOWN.transformers.version);
    assert.equal(env.get('transformers')?.origin?.kind, 'newest');
    assert.match(describeVersion('transformers', env.get('transformers')!), /upgrading its pin \(transformers==4\.46\.1, line 1\) for the later unpinned TRL install, which requires transformers ≥ 4\.56\.2/);
    assert.equal(env.get('trl')?.version, LATEST_KNOWN.trl.version);
  });

  it('in the same command is the newest TRL that accepts the pin', () => {
    const env = pinsFromScript('!pip install trl "transformers==4.36.0" peft\n');
    assert.equal(env.get('transformers')?.version, '4.36.0');
    assert.equal(env.get('trl')?.specifier, '<0.13');
    assert.equal(env.gate('trl', { from: '0.13' }), 'unaffected');
    assert.match(describeVersion('TRL', env.get('trl')!), /the same `pip install` \(line 1\) pins transformers 4\.36\.0, and TRL 0\.13 and later require transformers ≥ 4\.46\.0/);
  });

  it('an earlier TRL install, a pin TRL accepts, a commented or conditional install, --no-deps: as written', () => {
    const before = pinsFromScript('!pip install trl\n!pip install transformers==4.46.1\n');
    assert.equal(before.get('transformers')?.version, '4.46.1', 'pip downgrades transformers after TRL and only warns');
    assert.equal(before.get('trl')?.version, LATEST_KNOWN.trl.version);
    const accepted = pinsFromScript('!pip install transformers==4.57.1\n!pip install trl\n');
    assert.equal(accepted.get('transformers')?.version, '4.57.1');
    const commented = pinsFromScript('!pip install transformers==4.46.1\n# !pip install trl\n');
    assert.equal(commented.get('transformers')?.version, '4.46.1');
    const conditional = pinsFromScript('!pip install transformers==4.46.1\nif COLAB:\n    !pip install trl\n');
    assert.equal(conditional.get('transformers')?.version, '4.46.1');
    const noDeps = pinsFromScript('!pip install transformers==4.46.1\n!pip install --no-deps trl\n');
    assert.equal(noDeps.get('transformers')?.version, '4.46.1');
    const twoPins = pinsFromScript('!pip install transformers==4.46.1\n!pip install transformers==4.40.0\n!pip install trl\n');
    assert.equal(twoPins.get('transformers')?.alternatives?.length, 2, 'two pins stay alternatives');
  });
});

describe('an exact pin in a comment beside an install of the same library that runs', () => {
  it('is one of two versions: a finding needs both (smruthi-sreenivas customer-support notebook)', () => {
    const env = pinsFromScript('#!pip install transformers==4.47.1 trl==0.13.0 peft==0.14.0\npip install peft trl\n', { notebook: true });
    const trl = env.get('trl')!;
    assert.deepEqual(trl.alternatives?.map((a) => a.version), ['0.13.0', LATEST_KNOWN.trl.version]);
    assert.equal(env.gate('trl', { from: '0.27' }), 'unknown', 'TRL 0.13 is not affected, the newest is');
    assert.equal(env.gate('trl', { from: '0.5' }), 'affected', 'both are');
    assert.match(unknownNote('TRL', trl, { from: '0.27' }), /depends on whether the commented install \(line 1, in a comment\) or the one that runs \(line 2\) made the environment/);
    // Near misses: the pin alone, and the pin with another library's install, stay the pin.
    assert.equal(pinsFromScript('#!pip install trl==0.13.0\n', { notebook: true }).get('trl')?.version, '0.13.0');
    const other = pinsFromScript('#!pip install trl==0.13.0\npip install peft\n', { notebook: true });
    assert.equal(other.get('trl')?.version, '0.13.0');
    assert.equal(other.get('trl')?.alternatives, undefined);
    // A pin that runs beside the commented one: the running pin's list, as before.
    const running = pinsFromScript('#!pip install trl==0.13.0\n!pip install trl==0.12.0\n!pip install trl\n', { notebook: true });
    assert.deepEqual(running.get('trl')?.alternatives?.map((a) => a.version), ['0.13.0', '0.12.0']);
  });
});

describe('an unpinned install beside a library whose newest release caps it', () => {
  it('pip install adapters transformers: the newest transformers adapters allows (adapter-hub/adapters notebooks)', () => {
    const env = pinsFromScript('!pip install -q adapters transformers datasets trl\n', { notebook: true });
    assert.equal(env.get('transformers')?.version, '4.57.6');
    assert.equal(env.gate('transformers', { from: '5.15' }), 'unaffected', 'warmup_ratio= is still accepted');
    assert.match(describeVersion('transformers', env.get('transformers')!), /beside adapters 1\.2\.0, which requires transformers~=4\.57\.6/);
    assert.equal(env.get('trl')?.version, LATEST_KNOWN.trl.version, 'the newest TRL accepts transformers 4.57');
  });

  it('a later transformers install is either; a pinned or --no-deps adapters says nothing', () => {
    const later = pinsFromScript('!pip install adapters\n!pip install -U transformers\n');
    assert.deepEqual(later.get('transformers')?.alternatives?.map((a) => a.version), ['4.57.6', LATEST_KNOWN.transformers.version]);
    const before = pinsFromScript('!pip install transformers\n!pip install adapters\n');
    assert.equal(before.get('transformers')?.version, '4.57.6');
    const pinned = pinsFromScript('!pip install adapters==0.2.2 transformers\n');
    assert.equal(pinned.get('transformers')?.version, LATEST_KNOWN.transformers.version);
    const noDeps = pinsFromScript('!pip install --no-deps adapters\n!pip install transformers\n');
    assert.equal(noDeps.get('transformers')?.version, LATEST_KNOWN.transformers.version);
  });
});

describe('a plain install of a library a fork or a commit installs', () => {
  it('leaves the fork (saiful9379/Bangla_LLAMA): no newest release assumed; a later -U replaces it', () => {
    // The notebook's first cell installs transformers from a fork at a commit, the next one `pip install transformers`:
    // pip finds it installed and leaves it, so the version is the fork's, not the newest release.
    const kept = pinsFromScript('# !pip install -q git+https://github.com/zphang/transformers@c3dc391\n# !pip install transformers\n', { notebook: true });
    assert.equal(kept.get('transformers'), undefined);
    const before = pinsFromScript('!pip install transformers\n!pip install git+https://github.com/zphang/transformers@c3dc391\n', { notebook: true });
    assert.equal(before.get('transformers'), undefined, 'the fork replaces the earlier install');
    const ranged = pinsFromScript('!pip install git+https://github.com/zphang/transformers@c3dc391\n!pip install "transformers>=4.30"\n');
    assert.equal(ranged.get('transformers')?.version, undefined);
    assert.equal(ranged.get('transformers')?.specifier, '>=4.30');
    const upgraded = pinsFromScript('!pip install git+https://github.com/zphang/transformers@c3dc391\n!pip install -U transformers\n', { notebook: true });
    assert.equal(upgraded.get('transformers')?.version, LATEST_KNOWN.transformers.version);
    const alone = pinsFromScript('!pip install transformers\n', { notebook: true });
    assert.equal(alone.get('transformers')?.version, LATEST_KNOWN.transformers.version, 'near miss: no fork, the newest release');
  });
});
