// Runs the CLI over examples/ (the README's first command ends here). The examples contain
// known bugs, so findings (exit 1) are the expected outcome; a crash or usage error (exit 2) fails.
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples'], { stdio: 'inherit' });
if (r.status === 2 || r.status === null) {
  console.error('trainlint failed on the examples (exit 2)');
  process.exit(1);
}
console.log(`\ntrainlint ran on examples/ (exit ${r.status}: ${r.status === 1 ? 'problems found, as the examples intend' : 'clean'}).`);
