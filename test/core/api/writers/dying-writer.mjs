// A log writer that starts, then dies: the studio must keep going and say so.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ type: 'ready' });
parentPort.once('message', () => {
  throw new Error('disk on fire');
});
