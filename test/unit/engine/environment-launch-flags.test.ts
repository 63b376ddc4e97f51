/**
 * The command lines a project's shell scripts run its scripts with (`env/launch-flags.ts`): a value a script holds by
 * its argparse default is not what runs when a run passes the flag, so a finding must not rest on it (TL006, TL203).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';
import { boolFlagInRuns, runPassingFlag } from '../../../server/src/engine/env/launch-flags';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';
import { project } from './setup-project';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules');
const envFor = (dir: string, script: string) => discoverEnvironment({ scriptDir: join(dir, script, '..'), scriptPath: join(dir, script), workspaceRoot: dir, env: {} });
const rule = (code: string) => ALL_RULES.filter((r) => r.code === code);

describe('the command lines shell scripts run a script with', () => {
  before(ready);

  it("reads each run's arguments, from the script's folder and scripts/, without installs", () => {
    const dir = project({
      'train.py': '', 'eval.py': '',
      'train.sh': 'export CUDA_VISIBLE_DEVICES=0\nBASE=Qwen/Qwen2.5-0.5B\npython train.py \\\n  --model_name_or_path $BASE \\\n  --learning_rate 1e-4\n',
      'scripts/launch.sh': 'cd ..\naccelerate launch --config_file acc.yaml train.py --config=c.yaml "$@"\n',
    });
    const runs = envFor(dir, 'train.py').launchedRuns ?? [];
    assert.deepEqual(runs.map((r) => [r.file.replace(/^.*trainlint-setup-files-\w+\//, ''), r.args]), [
      ['train.sh', ['--model_name_or_path', 'Qwen/Qwen2.5-0.5B', '--learning_rate', '1e-4']],
      ['scripts/launch.sh', ['--config=c.yaml', '$@']],
    ]);
    assert.equal(envFor(dir, 'eval.py').launchedRuns, undefined);
  });

  it('a run passes a flag as written, with `=`, as a prefix argparse takes, as a short option, or through words it does not show', () => {
    const run = (...args: string[]) => [{ file: 'run.sh', line: 0, args }];
    assert.ok(runPassingFlag(run('--model_name', 'x'), '--model_name'));
    assert.ok(runPassingFlag(run('--model_name=x'), '--model_name'));
    assert.ok(runPassingFlag(run('--model', 'x'), '--model_name'));
    assert.ok(runPassingFlag(run('-m', 'x'), '--model_name'));
    assert.ok(runPassingFlag(run('$ARGS'), '--model_name'));
    assert.equal(runPassingFlag(run('--lr', '-1e-4', '--model_name_or_path_2', 'x'), '--model_name'), undefined);
    assert.equal(runPassingFlag(undefined, '--model_name'), undefined);
  });

  it("reads the value a run gives a boolean HfArgumentParser field (transformers hf_argparser.py: `--f` alone is True, `--no_f`)", () => {
    const run = (...args: string[]) => [{ file: 'run.sh', line: 0, args }];
    const values = (...args: string[]) => boolFlagInRuns(run(...args), '--use_peft').map((r) => r.value);
    assert.deepEqual(values('--use_peft'), [true]);
    assert.deepEqual(values('--use_peft', '--lora_r', '16'), [true]);
    assert.deepEqual(values('--use_peft', 'False'), [false]);
    assert.deepEqual(values('--use_peft=true'), [true]);
    assert.deepEqual(values('--no_use_peft'), [false]);
    assert.deepEqual(values('--use_peft', 'true', '--use_peft', 'no'), [false]);
    assert.deepEqual(values('--use_peft', '$PEFT'), [undefined]);
    assert.deepEqual(values('--lora_r', '16', '"$@"'), [undefined]);
    assert.deepEqual(values('--lora_r', '16'), []);
  });

  it('TL406 reads what the runs pass: --use_peft False against a default of True, --use_peft given to get_peft_config, --force_use_ref_model', () => {
    const withDefault = readFileSync(join(FIXTURES, 'TL406', 'command_line_flag_default.py'), 'utf8');
    const helper = readFileSync(join(FIXTURES, 'TL406', 'get_peft_config.py'), 'utf8');
    const lint = (text: string, sh?: string) => {
      const dir = project({ 'train.py': text, ...(sh ? { 'train.sh': sh } : {}) });
      return lintSnippet(text, { rules: rule('TL406'), env: envFor(dir, 'train.py') }, join(dir, 'train.py')).map((d) => `${d.severity}: ${d.message}`);
    };
    // MedicalGPT's default (use_peft=True): a warning, unless a run passes --use_peft False (then information naming it).
    assert.deepEqual(lint(withDefault).map((m) => m.split(':')[0]), ['warning', 'warning']);
    assert.deepEqual(lint(withDefault, 'python train.py --use_peft True\n').map((m) => m.split(':')[0]), ['warning', 'warning']);
    const off = lint(withDefault, 'python train.py --use_peft False --lora_rank 8\n');
    assert.deepEqual(off.map((m) => m.split(':')[0]), ['information', 'information']);
    assert.match(off[0], /unless the command line passes --use_peft False, as `[^`]*train\.sh` line 1 may/);
    assert.deepEqual(lint(withDefault, 'python train.py --no_use_peft\n').map((m) => m.split(':')[0]), ['information', 'information']);
    // get_peft_config: information (needs --use_peft); a warning when every run passes it and shows all its words.
    assert.deepEqual(lint(helper).map((m) => m.split(':')[0]), ['information']);
    const launched = lint(helper, 'accelerate launch --num_processes 2 train.py --model_name_or_path m --use_peft --lora_r 16\n');
    assert.equal(launched.length, 1);
    assert.match(launched[0], /^warning: .*as `[^`]*train\.sh` line 1 runs it \(with --use_peft\) and unless the command line passes --force_use_ref_model\./);
    // Near misses: a run that may pass force_use_ref_model, names a config file, hides words, or does not pass --use_peft.
    for (const sh of [
      'python train.py --use_peft --force_use_ref_model\n',
      'python train.py --config recipe.yaml --use_peft\n',
      'python train.py --use_peft "$@"\n',
      'python train.py --use_peft\npython train.py --lora_r 8\n',
      'python train.py --use_peft false\n',
    ]) assert.equal(lint(helper, sh)[0]?.split(':')[0], 'information', sh);
  });

  it('TL006 and TL203 do not rest on an argparse default a shell script of the project passes (kookeej/MIE1517-Detoxification training.sh)', () => {
    const tl006 = readFileSync(join(FIXTURES, 'TL006', 'command_line_default.py'), 'utf8');
    const tl203 = readFileSync(join(FIXTURES, 'TL203', 'command_line_default.py'), 'utf8');
    const lint = (text: string, code: string, sh?: string) => {
      const dir = project({ 'train.py': text, ...(sh ? { 'train.sh': sh } : {}) });
      return lintSnippet(text, { rules: rule(code), env: envFor(dir, 'train.py') }, join(dir, 'train.py')).map((d) => d.message);
    };
    const passes = 'python train.py --model_name_or_path Qwen/Qwen2.5-0.5B\n';
    const other = 'python train.py --block_size 1024\n';
    assert.match(lint(tl006, 'TL006', other)[0] ?? '', /assuming the default of `--model_name_or_path`/);
    assert.doesNotMatch(lint(tl006, 'TL006', passes).join('\n'), /assuming the default/);
    const tl203Default = lint(tl203, 'TL203');
    assert.equal(tl203Default.length, 1);
    assert.deepEqual(lint(tl203, 'TL203', passes.replace('--model_name_or_path', tl203Flag(tl203))), []);
  });
});

/** The flag the TL203 fixture declares for its model id. */
function tl203Flag(text: string): string {
  return /add_argument\("(--[\w-]+)"[^)]*default="[^"]*\/[^"]*"/.exec(text)![1];
}
