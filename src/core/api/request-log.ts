import type { ApiRequestDetail, ApiRequestSummary } from '../../shared/contract/api';
import { StudioError } from '../../shared/errors';
import type { EventBus } from '../live/bus';
import { startWorker } from '../worker';
import { RecordEncoder, type CapturedRequest } from './request-log-frame';
import { IndexBuilder, type BatchIndex } from './request-log-index';
import { LogRing } from './request-log-ring';
import type { LogFilter, WriterCall, WriterReply, WriterRequest } from './request-log-store';

export type { CapturedRequest } from './request-log-frame';

/** Captured requests go to the writer thread in batches at most this often… */
export const LOG_FLUSH_MS = 5;
/** …or as soon as this many are waiting. */
const MAX_PENDING = 128;
/**
 * Captured requests wait for the writer in a ring of this many bytes of shared memory
 * (a few thousand requests; a body crosses cut to the log's limit). When it is full (a
 * writer that cannot keep up), requests go unlogged, counted, and the count is reported
 * once the writer has caught up.
 */
const LOG_RING_BYTES = 16 * 1024 * 1024;
/** How long closing waits for the writer to finish before stopping it. */
const CLOSE_TIMEOUT_MS = 5000;

/**
 * The writer module: beside this file when running from source, beside the bundle's
 * entry (`request-log-writer.mjs`) when bundled. A variable, so bundlers leave it alone.
 */
const WRITER_NAME = import.meta.url.endsWith('.ts') ? './request-log-writer.ts' : './request-log-writer.mjs';
const DEFAULT_WRITER_URL = new URL(WRITER_NAME, import.meta.url);

/** A timer that never holds the process by itself (the ref'd writer does while closing). */
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export interface RequestLogOptions {
  /** The log's SQLite file. */
  path: string;
  nativeBinding?: string;
  bus: EventBus;
  writerUrl?: URL;
  /** The ring's size (tests make it small). */
  ringBytes?: number;
  /** Told when the log stops working (once; the studio keeps serving) or could not store requests. */
  onProblem?: (message: string) => void;
}

/**
 * The API request log, as the request thread sees it. `capture` only writes the request,
 * redacted, into shared memory (no SQLite): a writer thread with its own file stores it,
 * so the request thread never waits on the log. Reads go through the writer after
 * everything captured before them, so they always see every answered request. While
 * anyone listens, each stored request is announced on the bus as `apiRequest.logged`.
 */
export function createRequestLog(opts: RequestLogOptions) {
  const ring = new LogRing(opts.ringBytes ?? LOG_RING_BYTES);
  const encoder = new RecordEncoder();
  const worker = startWorker(opts.writerUrl ?? DEFAULT_WRITER_URL, {
    workerData: { path: opts.path, nativeBinding: opts.nativeBinding, ring: ring.buffer },
  });
  worker.unref();
  /** Requests in the ring not yet sent to the writer. */
  let pending = 0;
  /** The index of the segment being written, and of those ended (at the ring's end) before it. */
  let indexing = new IndexBuilder();
  let indexed: BatchIndex[] = [];
  let unlogged = 0;
  let scheduled: NodeJS.Timeout | null = null;
  let nextId = 1;
  const calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let broken: string | null = null;
  let closed = false;
  let started = false;
  let resolveReady!: () => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => {}); // a failure is told through onProblem; never an unhandled rejection
  const exited = new Promise<void>((r) => worker.once('exit', () => r()));

  function fail(message: string): void {
    if (broken) return;
    broken = message;
    rejectReady(new Error(message));
    for (const c of calls.values())
      c.reject(new StudioError('unavailable', `the API request log is unavailable: ${message}`));
    calls.clear();
    // The studio does not wait for its writer: a failure before it started is said too.
    if (!closed) opts.onProblem?.(`the API request log ${started ? 'stopped' : 'could not start'}: ${message}`);
  }

  worker.on('message', (m: WriterReply) => {
    switch (m.type) {
      case 'ready':
        started = true;
        resolveReady();
        return;
      case 'failed':
        fail(m.message);
        return;
      case 'logged':
        settled(m.end);
        for (const s of m.summaries) opts.bus.emit('apiRequest.logged', s);
        return;
      case 'stored':
        settled(m.end);
        return;
      case 'dropped':
        settled(m.end);
        opts.onProblem?.(`the API request log could not store ${m.count} requests: ${m.message}`);
        return;
      case 'reply': {
        const c = calls.get(m.id);
        calls.delete(m.id);
        if (!calls.size && !closed) worker.unref();
        if (m.error === undefined) c?.resolve(m.value);
        else c?.reject(new StudioError('unavailable', `the API request log failed: ${m.error}`));
      }
    }
  });
  worker.on('error', (err) => fail(err.message));
  worker.on('exit', (code) => {
    if (!closed) fail(`its writer thread exited (code ${code})`);
  });

  const post = (m: WriterRequest) => worker.postMessage(m);

  /** The writer has read the ring up to `end`. */
  function settled(end: number): void {
    ring.release(end);
    if (unlogged && ring.used < ring.size / 2) {
      opts.onProblem?.(`${unlogged} API requests were not logged: the log writer fell behind`);
      unlogged = 0;
    }
  }

  /** The segment being written has ended (at the ring's end, or taken): so has its index. */
  function endIndex(): void {
    if (indexing.count) indexed.push(indexing.build());
    indexing = new IndexBuilder();
  }

  function flush(): void {
    if (scheduled) clearTimeout(scheduled);
    scheduled = null;
    if (!pending || broken) return;
    pending = 0;
    // Summaries come back only if someone (a UI, a test) listens for them.
    const announce = opts.bus.wants('apiRequest.logged');
    endIndex();
    const segments = ring.take();
    segments.forEach((segment, i) => post({ type: 'append', ...segment, index: indexed[i], announce }));
    indexed = [];
  }

  function call<T>(m: WriterCall): Promise<T> {
    if (broken) return Promise.reject(new StudioError('unavailable', `the API request log is unavailable: ${broken}`));
    flush();
    const id = nextId++;
    // An idle writer must not keep the process alive, but an awaited answer must.
    worker.ref();
    return new Promise<T>((resolve, reject) => {
      calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      post({ type: 'call', id, ...m });
    });
  }

  return {
    /** Resolves once the writer has its file open; rejects with why it could not. */
    ready,
    /** Queues one answered request (called on the request thread: keep it cheap). */
    capture(e: CapturedRequest): void {
      if (closed || broken) return;
      // A record may refer back only within its batch: a new batch starts afresh.
      if (!ring.openCount) encoder.clear();
      if (!ring.put(encoder.encode(e, ring.openCount))) {
        encoder.clear();
        if (!ring.wrap()) {
          unlogged++;
          return;
        }
        endIndex();
        if (!ring.put(encoder.encode(e, 0))) {
          encoder.clear();
          unlogged++;
          return;
        }
      }
      indexing.add(e);
      if (++pending >= MAX_PENDING) flush();
      else scheduled ??= setTimeout(flush, LOG_FLUSH_MS);
    },
    flush,
    list: (filter: LogFilter) => call<ApiRequestSummary[]>({ op: 'list', filter }),
    get: (seq: number) => call<ApiRequestDetail | undefined>({ op: 'get', seq }),
    clear: () => call<number>({ op: 'clear' }),
    /** Stores what is queued, closes the file, and ends the writer thread. */
    async close(): Promise<void> {
      if (closed) return;
      // Until the writer has stopped, it keeps the process alive (its file is being closed).
      worker.ref();
      if (!broken) {
        try {
          const done = call<boolean>({ op: 'close' });
          closed = true;
          await Promise.race([done, delay(CLOSE_TIMEOUT_MS)]);
        } catch {
          /* already reported */
        }
      }
      closed = true;
      if (scheduled) clearTimeout(scheduled);
      const stopped = await Promise.race([exited.then(() => true), delay(500).then(() => false)]);
      if (!stopped) await worker.terminate();
    },
  };
}
export type RequestLog = ReturnType<typeof createRequestLog>;
