// dist/cli.js: the CLI's bundle (dist/cli-main.js) loaded through the code cache.
import { join } from 'node:path';
import { loadCached } from './cached-load';

loadCached(join(__dirname, 'cli-main.js'));
