import { readDataFile } from './server/src/engine/data/readDataFile';
(async () => {
for (const f of process.argv.slice(2)) {
  const t = performance.now();
  const r = await readDataFile(f, f.endsWith('.parquet') ? 'parquet' : f.endsWith('.arrow') ? 'arrow' : 'json', { maxRows: 2 });
  console.log(f.split('/').pop(), (performance.now() - t).toFixed(1), JSON.stringify(r).slice(0, 400));
}
})();
