import { readDataFile } from './server/src/engine/data/readDataFile';
process.on('unhandledRejection', (e: any) => { console.log('UNHANDLED REJECTION', e?.stack); });
process.on('uncaughtException', (e: any) => { console.log('UNCAUGHT', e?.stack); });
(async () => { const r = await readDataFile(process.argv[2], process.argv[3] as any, { maxBytes: 8 << 20 }); console.log(JSON.stringify(r).slice(0, 300)); })();
