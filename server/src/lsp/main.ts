/**
 * Language server entry. The VS Code client starts it over IPC (`--node-ipc`); other editors
 * run `node dist/server.js --stdio` or `trainlint server --stdio`.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';
import { serverTransport } from './transport';
import { lowerHelperThreads } from '../launch/thread-priority';

lowerHelperThreads();
process.on('unhandledRejection', (e) => console.error('trainlint: unhandled rejection', e));
const wire = serverTransport();
startServer(wire ? createConnection(ProposedFeatures.all, wire.reader, wire.writer) : createConnection(ProposedFeatures.all));
