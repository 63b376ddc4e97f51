// dist/server.js: the language server's bundle (dist/server-main.js) loaded through the code cache.
import { join } from 'node:path';
import { loadCached } from './cached-load';

loadCached(join(__dirname, 'server-main.js'));
