// A log writer that falls behind: it stores nothing until a read arrives, then catches up.
import { parentPort } from 'node:worker_threads';

let waiting = 0;
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.type === 'append') {
    waiting += m.entries.length;
    return;
  }
  parentPort.postMessage({ type: 'stored', count: waiting });
  waiting = 0;
  parentPort.postMessage({ type: 'reply', id: m.id, value: m.op === 'list' ? [] : true });
  if (m.op === 'close') parentPort.close();
});
