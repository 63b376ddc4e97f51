// Every entry in dist/ (`server.js`, `cli.js` and the worker threads' scripts) is this launcher: it loads
// the entry's bundle (`NAME-main.js` beside it) through the code cache (cached-load.ts).
import { basename, dirname, join } from 'node:path';
import { loadCached } from './cached-load';

loadCached(join(dirname(__filename), `${basename(__filename, '.js')}-main.js`));
