// Every entry in dist/ (`server.js`, `cli.js` and the worker threads' scripts) is this launcher: it loads
// the entry's bundle (`NAME-main.js` beside it) through the code cache (cached-load.ts).
import { basename, dirname, join } from 'node:path';
import { loadCached } from './cached-load';

const name = basename(__filename, '.js');
// The language server lives long enough to keep its cache as full as its compiled code (cached-load.ts).
loadCached(join(dirname(__filename), `${name}-main.js`), false, { refresh: name === 'server' });
