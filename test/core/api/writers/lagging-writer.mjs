// A log writer that falls behind: it reads nothing until a read arrives, then catches up.
import { parentPort } from 'node:worker_threads';

let readUpTo = null;
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.type === 'append') {
    readUpTo = m.end;
    return;
  }
  if (readUpTo !== null) parentPort.postMessage({ type: 'stored', end: readUpTo });
  readUpTo = null;
  parentPort.postMessage({ type: 'reply', id: m.id, value: m.op === 'list' ? [] : true });
  if (m.op === 'close') parentPort.close();
});
