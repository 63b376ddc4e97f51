import { readFileSync } from 'node:fs';
import { initParser, lintText, ALL_RULES, fixAll } from '/work/main/server/src/engine/index';
(async () => {
  await initParser();
  const [code, file, mode] = process.argv.slice(2);
  const rules = code === 'ALL' ? ALL_RULES : ALL_RULES.filter((r) => code.split(',').includes(r.code));
  const text = readFileSync(file, 'utf8');
  const lt = (t: string) => { const r = lintText(file, t, { rules }); if (r.errors.length) console.log(r.errors); return r.diagnostics; };
  for (const d of lt(text)) console.log(`${d.range.start.line + 1}:${d.range.start.character} ${d.code} ${d.severity} ${d.message}${d.fixes.map((f) => `\n   fix[${f.applicability}] ${f.title}`).join('')}`);
  if (mode === 'fix') console.log(fixAll(text, lt, true).text);
})();
