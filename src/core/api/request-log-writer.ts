/**
 * The API request log's writer thread: owns `api-log.db`, stores the batches of records
 * the request thread writes into shared memory (one row each, the bytes as written),
 * answers the UI's reads in order, and announces each stored request back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { segmentBytes } from './request-log-ring';
import {
  openLogStore,
  type LogStore,
  type WriterCall,
  type WriterReply,
  type WriterRequest,
} from './request-log-store';

const port = parentPort!;
const { path, nativeBinding, ring } = workerData as {
  path: string;
  nativeBinding?: string;
  /** Where the request thread writes captured requests (`request-log-ring.ts`). */
  ring: SharedArrayBuffer;
};
const ringBytes = new Uint8Array(ring);
const post = (m: WriterReply) => port.postMessage(m);

let store: LogStore | null = null;
try {
  store = openLogStore(path, nativeBinding);
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'failed', message: (err as Error).message });
  port.close();
}

function run(s: LogStore, m: WriterCall): unknown {
  switch (m.op) {
    case 'list':
      return s.list(m.filter);
    case 'get':
      return s.get(m.seq);
    case 'clear':
      return s.clear();
    case 'close':
      s.close();
      store = null;
      return true;
  }
}

port.on('message', (m: WriterRequest) => {
  const s = store;
  if (!s) return;
  if (m.type === 'append') {
    try {
      const summaries = s.append(segmentBytes(ringBytes, m), m.count, m.announce, m.index);
      post(m.announce ? { type: 'logged', end: m.end, summaries } : { type: 'stored', end: m.end });
    } catch (err) {
      post({ type: 'dropped', end: m.end, count: m.count, message: (err as Error).message });
    }
    return;
  }
  try {
    post({ type: 'reply', id: m.id, value: run(s, m) });
  } catch (err) {
    post({ type: 'reply', id: m.id, error: (err as Error).message });
  }
  if (m.op === 'close') port.close();
});
