/**
 * Confinement by file descriptor: what is read is checked after it is opened, for data files and for
 * the metadata next to them, so neither a symlink nor a symlink swapped mid-read leaks a file from
 * outside the workspace. Also: counts a file claims about itself are shown only when plausible.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRegularFile } from '../../../server/src/engine/data/confined-open';
import { loadDataSource } from '../../../server/src/engine/data/data-source';
import { readDataFile, readDataFileInProcess } from '../../../server/src/engine/data/read-data-file';
import { resolveDataFiles } from '../../../server/src/engine/data/resolve';
import type { AccessPolicy } from '../../../server/src/engine/data/types';
import { resolveReportSource, streamSourceRows } from '../../../server/src/engine/report/source-rows';
import { PARQUET_DIR, arrowTable, cleanup, jsonl, makeTmp, put, writeArrow } from '../data/fixtures';
import { Utf8 } from 'apache-arrow';

const SECRET_INFO = JSON.stringify({ features: { SECRET_COLUMN: { dtype: 'string', _type: 'Value' } }, splits: { train: { num_examples: 7 } } });

describe('robust: confinement by file descriptor', () => {
  let dir: string;
  let ws: string;
  let outside: string;
  let policy: AccessPolicy;
  before(() => {
    dir = makeTmp('trainlint-confine-');
    ws = join(dir, 'ws');
    outside = join(dir, 'outside');
    put(ws, 'in.jsonl', jsonl([{ text: 'inside row' }]));
    put(outside, 'secret.jsonl', jsonl([{ text: 'OUTSIDE SECRET' }]));
    put(outside, 'dataset_info.json', SECRET_INFO);
    put(outside, 'dataset_dict.json', JSON.stringify({ splits: ['train', 'leaked_split'] }));
    policy = { workspaceRoots: [ws], hfCacheRoots: [join(dir, 'hf')], trusted: true };
    // A save_to_disk folder whose dataset_info.json is a link to a file outside the workspace.
    const saved = join(ws, 'saved');
    writeArrow(join(saved, 'data-00000-of-00001.arrow'), arrowTable({ text: { type: new Utf8(), values: ['a', 'b'] } }));
    put(saved, 'state.json', JSON.stringify({ _data_files: [{ filename: 'data-00000-of-00001.arrow' }], _split: 'train' }));
    symlinkSync(join(outside, 'dataset_info.json'), join(saved, 'dataset_info.json'));
    // The same folder with its dataset_info.json inside: the control that shows the features are read.
    const control = join(ws, 'control');
    writeArrow(join(control, 'data-00000-of-00001.arrow'), arrowTable({ text: { type: new Utf8(), values: ['a', 'b'] } }));
    put(control, 'state.json', JSON.stringify({ _data_files: [{ filename: 'data-00000-of-00001.arrow' }], _split: 'train' }));
    put(control, 'dataset_info.json', SECRET_INFO);
    // A DatasetDict folder whose dataset_dict.json is a link outside.
    const dict = join(ws, 'dict');
    put(dict, 'train/state.json', JSON.stringify({ _data_files: [{ filename: 'data-00000-of-00001.arrow' }], _split: 'train' }));
    writeArrow(join(dict, 'train/data-00000-of-00001.arrow'), arrowTable({ text: { type: new Utf8(), values: ['a'] } }));
    symlinkSync(join(outside, 'dataset_dict.json'), join(dict, 'dataset_dict.json'));
  });
  after(() => cleanup(dir));

  it('reads dataset_info.json features inside the workspace (the control)', async () => {
    const r = await resolveDataFiles({ kind: 'load_from_disk', path: 'control', cwd: ws }, { access: policy });
    assert.ok(r.ok);
    assert.deepEqual(r.source.metadata?.columns?.map((c) => c.name), ['SECRET_COLUMN']);
  });

  it('does not read a dataset_info.json that links outside the workspace', async () => {
    const r = await resolveDataFiles({ kind: 'load_from_disk', path: 'saved', cwd: ws }, { access: policy });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.source.metadata?.columns, undefined);
    const shown = await loadDataSource({ kind: 'load_from_disk', path: 'saved', cwd: ws }, { access: policy });
    assert.ok(shown.ok);
    assert.doesNotMatch(JSON.stringify(shown), /SECRET_COLUMN/);
    assert.deepEqual(shown.preview.columns.map((c) => c.name), ['text']);
  });

  it('does not follow a dataset_dict.json that links outside the workspace', async () => {
    const r = await resolveDataFiles({ kind: 'load_from_disk', path: 'dict', cwd: ws }, { access: policy });
    assert.doesNotMatch(JSON.stringify(r), /leaked_split/);
  });

  it('refuses, after opening, a data file whose link points outside', async () => {
    symlinkSync(join(outside, 'secret.jsonl'), join(ws, 'escape.jsonl'));
    await assert.rejects(openRegularFile(join(ws, 'escape.jsonl'), policy), /outside the workspace/);
    const r = await readDataFileInProcess(join(ws, 'escape.jsonl'), 'json', { access: policy });
    assert.ok(!r.ok && r.code === 'not-allowed');
    // Without a policy (the CLI on a file the user named) the same file is read.
    const opened = await openRegularFile(join(ws, 'escape.jsonl'));
    await opened.handle.close();
  });

  it('never returns the outside file while a link is swapped between an inside and an outside target', async function () {
    this.timeout(60_000);
    const link = join(ws, 'flip.jsonl');
    symlinkSync(join(ws, 'in.jsonl'), link);
    const racer: ChildProcess = spawn('bash', ['-c', `while :; do ln -sfn '${join(outside, 'secret.jsonl')}' '${link}.o' && mv -fT '${link}.o' '${link}'; ln -sfn '${join(ws, 'in.jsonl')}' '${link}.i' && mv -fT '${link}.i' '${link}'; done`], { stdio: 'ignore', detached: true });
    let inside = 0;
    let refused = 0;
    try {
      // Reads start once the racer runs (on a loaded machine bash can take a while to start); then at least
      // 150 reads, and more until one met the link pointing outside (up to 30 s), so the race really runs.
      const started = Date.now();
      while (readlinkSync(link) !== join(outside, 'secret.jsonl') && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 5));
      const deadline = Date.now() + 30_000;
      for (let i = 0; i < 150 || (refused === 0 && Date.now() < deadline); i++) {
        // Alternate the three ways a data file is read: preview, the preview through the source
        // loader (path check, then confined read), and the dataset report's row stream.
        const kind = i % 3;
        let text = '';
        if (kind === 0) {
          const r = await readDataFile(link, 'json', { access: policy });
          text = JSON.stringify(r);
          if (r.ok) inside++; else refused++;
        } else if (kind === 1) {
          const r = await loadDataSource({ kind: 'from_file', format: 'json', path: 'flip.jsonl', cwd: ws }, { access: policy });
          text = JSON.stringify(r);
          if (r.ok) inside++; else refused++;
        } else {
          const src = await resolveReportSource({ kind: 'from_file', format: 'json', path: 'flip.jsonl', cwd: ws }, policy);
          try {
            if ('error' in src) throw new Error(src.error);
            for await (const batch of streamSourceRows(src)) text += JSON.stringify(batch);
            inside++;
          } catch (err) {
            text += String(err);
            refused++;
          }
        }
        assert.doesNotMatch(text, /OUTSIDE SECRET/, `attempt ${i} leaked the outside file`);
      }
    } finally {
      // The whole group, so no `ln`/`mv` of the loop outlives it and races the clean-up.
      const exited = once(racer, 'exit');
      process.kill(-(racer.pid as number), 'SIGKILL');
      await exited;
    }
    // The race really ran: some reads found the link pointing outside and were refused.
    assert.ok(refused > 0, `the racer never won (inside ${inside}, refused ${refused})`);
  });
});

describe('robust: implausible declared counts', () => {
  let dir: string;
  before(() => { dir = makeTmp('trainlint-plausible-'); });
  after(() => cleanup(dir));

  /** A copy of a fixture whose footer claims `claim` rows (the file-level num_rows varint rewritten). */
  function withClaimedRows(claim: bigint): string {
    const src = readFileSync(join(PARQUET_DIR, 'rowgroups.parquet'));
    const footerLen = src.readUInt32LE(src.length - 8);
    const footerStart = src.length - 8 - footerLen;
    const footer = src.subarray(footerStart, src.length - 8);
    // FileMetaData field 3 (num_rows, i64) follows the schema list; in the compact protocol its
    // header byte is 0x16 and its value a zigzag varint. The fixture holds 15 rows: zigzag 30.
    const at = footer.indexOf(Buffer.from([0x16, 30]));
    assert.ok(at > 0, 'num_rows not found in the fixture footer');
    const varint: number[] = [];
    for (let z = claim << 1n; ; z >>= 7n) {
      if (z < 0x80n) { varint.push(Number(z)); break; }
      varint.push(Number((z & 0x7fn) | 0x80n));
    }
    const newFooter = Buffer.concat([footer.subarray(0, at + 1), Buffer.from(varint), footer.subarray(at + 2)]);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(newFooter.length);
    const out = join(dir, `claims-${claim}.parquet`);
    writeFileSync(out, Buffer.concat([src.subarray(0, footerStart), newFooter, len, Buffer.from('PAR1')]));
    return out;
  }

  it('shows a Parquet footer row count that is plausible', async () => {
    const p = join(dir, 'plain.parquet');
    copyFileSync(join(PARQUET_DIR, 'rowgroups.parquet'), p);
    const r = await readDataFileInProcess(p, 'parquet');
    assert.ok(r.ok);
    assert.equal(r.preview.rowCount, 15);
  });

  it('shows a footer claiming 2^62 rows as unknown, and says why', async () => {
    const r = await readDataFileInProcess(withClaimedRows(1n << 62n), 'parquet');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.preview.rowCount, undefined);
    assert.match(r.preview.warnings.join('\n'), /claims 4611686018427387904 rows.*row count is unknown/);
  });

  it('shows a dataset_info.json num_examples beyond any dataset as unknown', async () => {
    const saved = join(dir, 'hub');
    writeArrow(join(saved, 'train.arrow'), arrowTable({ text: { type: new Utf8(), values: ['a'] } }));
    const { readDatasetInfo } = await import('../../../server/src/engine/data/hf-cache');
    put(saved, 'dataset_info.json', JSON.stringify({ splits: { train: { num_examples: 4.6e18 }, test: { num_examples: 12 } } }));
    const meta = await readDatasetInfo(join(saved, 'dataset_info.json'));
    assert.deepEqual(meta.rowCounts, { test: 12 });
  });
});
