/**
 * A bug present in several disjoint ranges of a library (TL315: SFTTrainer's metrics miss the best-metric check on TRL <
 * 0.22 and 0.27–1.4): `gateVersionAny` and `unknownNote` over a list of ranges.
 */
import assert from 'node:assert/strict';
import { gateVersionAny, unknownNote, type PackageVersion, type VersionRange } from '../../../server/src/engine/env/versions';

const RANGES: VersionRange[] = [{ before: '0.22' }, { from: '0.27', before: '1.5' }];
const pinned = (version: string): PackageVersion => ({ version, source: 'requirements.txt' });
const bounded = (specifier: string): PackageVersion => ({ specifier, source: 'requirements.txt' });

describe('version gates over several ranges', () => {
  it('is affected inside either range and unaffected between and after them', () => {
    assert.equal(gateVersionAny(pinned('0.21.0'), RANGES), 'affected');
    assert.equal(gateVersionAny(pinned('1.4.0'), RANGES), 'affected');
    assert.equal(gateVersionAny(pinned('0.22.0'), RANGES), 'unaffected');
    assert.equal(gateVersionAny(pinned('0.26.2'), RANGES), 'unaffected');
    assert.equal(gateVersionAny(pinned('1.5.0'), RANGES), 'unaffected');
  });

  it('judges bounds against the union: inside one range, between them, or across', () => {
    assert.equal(gateVersionAny(bounded('>=0.27,<1.0'), RANGES), 'affected');
    assert.equal(gateVersionAny(bounded('>=0.22,<0.27'), RANGES), 'unaffected');
    assert.equal(gateVersionAny(bounded('>=0.21,<0.28'), RANGES), 'unknown');
    assert.equal(gateVersionAny(undefined, RANGES), 'unknown');
  });

  it('needs setups that disagree to agree on the union, not on one range', () => {
    const alternatives: PackageVersion = { source: 'requirements*.txt', alternatives: [pinned('0.20.0'), pinned('1.2.0')] };
    assert.equal(gateVersionAny(alternatives, RANGES), 'affected');
    const split: PackageVersion = { source: 'requirements*.txt', alternatives: [pinned('0.20.0'), pinned('1.5.0')] };
    assert.equal(gateVersionAny(split, RANGES), 'unknown');
  });

  it('names every range when the version is unknown', () => {
    assert.equal(unknownNote('TRL', undefined, RANGES), ' (with TRL < 0.22 or TRL ≥ 0.27 and < 1.5; the installed version is unknown: no installed copy of TRL was found, nor a pin or an install that names its release)');
  });
});
