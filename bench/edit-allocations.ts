// What a lint allocates per edit, by allocation site (V8's sampling heap profiler, in-process): the long
// replica or the dense script opened as an editor would, 100 warm edits toggling `#` on the last line, then
// 100 more sampled. Fewer bytes per edit means fewer scavenges (each copies what is alive at that moment).
//   node --import tsx bench/edit-allocations.ts [long|dense] [survivors]
// `survivors`: only what outlived a young-generation collection. Add --no-turbo-inlining to node for exact sites.
import { Session } from 'node:inspector';
import { initParser, lint, ParsedScript, PipelineCache, ScriptDocument } from '../server/src/engine/index';

const post = <T>(s: Session, method: string, params?: object) =>
  new Promise<T>((ok, no) => s.post(method, params ?? {}, (e, r) => (e ? no(e) : ok(r as T))));

interface SampleNode { callFrame: { functionName: string; url: string }; selfSize: number; children: SampleNode[] }

(async () => {
  await initParser();
  const kind = process.argv[2] === 'dense' ? 'dense' : 'long';
  const survivors = process.argv[3] === 'survivors';
  const { makeLongReplica } = await import('./startup.mjs' as string);
  const { makeScript, hashToggler } = await import('./make-scripts.mjs' as string);
  const text: string = kind === 'dense' ? makeScript(2000) : makeLongReplica();
  const script = ParsedScript.parse(text, { edited: true });
  const path = '/tmp/trainlint-bench/long.py'; // never read: no data, no disk
  const toggle = hashToggler(text);
  const pipelines = new PipelineCache(); // as the language server keeps one per document
  const edit = (v: number) => {
    script.update([toggle(v % 2 === 0)]);
    lint({ doc: ScriptDocument.fromPython(path, script.text), script, pipelines });
  };
  for (let v = 0; v < 100; v++) edit(v);
  const session = new Session();
  session.connect();
  await post(session, 'HeapProfiler.enable');
  await post(session, 'HeapProfiler.startSampling', { samplingInterval: 2048, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !survivors });
  const n = 100;
  for (let v = 100; v < 100 + n; v++) edit(v);
  const { profile } = await post<{ profile: { head: SampleNode } }>(session, 'HeapProfiler.stopSampling');
  const bySite = new Map<string, number>();
  const walk = (node: SampleNode, stack: string[]) => {
    const frame = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}`;
    const here = [...stack, frame];
    if (node.selfSize) {
      const site = here.slice(-2).reverse().join(' < ');
      bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    }
    for (const c of node.children) walk(c, here);
  };
  walk(profile.head, []);
  const total = [...bySite.values()].reduce((a, b) => a + b, 0);
  console.log(`${kind} script: ${(total / n / 1e3).toFixed(0)} KB ${survivors ? 'outliving a scavenge' : 'allocated'} per edit (sampled)`);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${(bytes / n / 1e3).toFixed(1).padStart(6)} KB  ${site}`);
})();
