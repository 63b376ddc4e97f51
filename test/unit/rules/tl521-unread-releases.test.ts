/** TL521 where the table read only a wheel past the last tag: a removal there is dated as a range, and a pin inside it is unknown. */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl521 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL521');

describe('TL521 removals after the last release tag read', () => {
  before(ready);

  it('names the range of releases the removal falls in, not the first one after the last tag', () => {
    const [d] = tl521('# pip install trl==1.13.0\nfrom trl.experimental.ppo import PPOConfig\n');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /since a release of TRL 1\.10–1\.13\.0 \(1\.9 has it; the releases between it and 1\.13\.0 were not read\)/);
    assert.match(d.message, /pin `trl<1\.10`/);
  });

  it('is silent on a release inside that range, and dates a removal between tags read by its release', () => {
    assert.equal(tl521('# pip install trl==1.11.0\nfrom trl.experimental.ppo import PPOConfig\n').length, 0);
    const [d] = tl521('# pip install trl==1.13.0\nfrom trl.experimental.judges import PairRMJudge\n');
    assert.match(d.message, /since TRL 1\.1 \(/);
  });
});
