/** Lints a script (or a notebook's JSON, with `file` ending in .ipynb) whose Hub datasets are neither local nor cached, so trainlint's table of known datasets answers them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSourceCache } from '../../../server/src/engine/data/cache';
import { CachedDataProvider } from '../../../server/src/engine/dataset/cached-provider';
import { documentFor } from '../../../server/src/engine/index';
import { lint } from '../../../server/src/engine/lint/lint';
import { ParsedScript } from '../../../server/src/engine/syntax/parsed-script';

/** As the editor does: a first lint asks for the data, the cache checks it, the second lint has the answers. */
export async function lintThroughTable(home: string, text: string, file = 'train.py') {
  const path = join(home, file);
  writeFileSync(path, text);
  const cache = new DataSourceCache({ env: { HF_HOME: join(home, 'hf') }, homeDir: home });
  const doc = documentFor(path, text);
  const script = ParsedScript.parse(doc.text);
  const provider = new CachedDataProvider(cache, path, home);
  lint({ doc, script, data: provider });
  await provider.fetch();
  const result = lint({ doc, script, data: new CachedDataProvider(cache, path, home) });
  return { ...result, doc, dispose: () => script.dispose(), text };
}
