import { chatTable, writeArrow } from './test/unit/data/fixtures';
import { readDataFile } from './server/src/engine/data/readDataFile';
(async () => {
  writeArrow('/tmp/chat.arrow', chatTable(25, 10), 'stream');
  writeArrow('/tmp/chatf.arrow', chatTable(25, 10), 'file');
  for (const f of ['/tmp/chat.arrow', '/tmp/chatf.arrow']) {
    console.log(JSON.stringify(await readDataFile(f, 'arrow', { maxRows: 12 })).slice(0, 600));
    console.log(JSON.stringify(await readDataFile(f, 'arrow', { maxRows: 0 })).slice(0, 600));
  }
})();
