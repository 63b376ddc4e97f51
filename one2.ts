import { readDataFile } from './server/src/engine/data/readDataFile';
(async () => {
  const t = setInterval(() => console.log('heap', process.memoryUsage().heapUsed >> 20), 500);
  const r = await readDataFile(process.argv[2], process.argv[3] as any, { maxBytes: 8 << 20 });
  clearInterval(t);
  console.log(JSON.stringify(r).slice(0, 300));
})();
