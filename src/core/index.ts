import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { commands, type StudioStatus } from '../shared/contract';
import { VERSION } from '../shared/version';
import type { StudioContext } from './context';
import { systemClock, systemRandom, type Clock, type Random } from './deps';
import { StartupError } from './errors';
import { prepareDataDir } from './data-dir';
import { createHttpServer, type ServerTimeouts } from './http/server';
import { createHostGuard } from './http/host-guard';
import { createEventBus } from './live/bus';
import { API_LOG_FILE, DB_FILE } from './paths';
import { createDispatcher, type Handlers } from './rpc/dispatch';
import { createMemoryChannel } from './rpc/memory-transport';
import { attachWsTransport, WS_PATH } from './rpc/ws-transport';
import { readRuntime, removeRuntime, removeStaleRuntime, studioAnswers, writeRuntime } from './runtime-file';
import { registerStaticUi } from './static-ui';
import { createStudioClock } from './proactive/studio-clock';
import { storageHealthFor } from './store/storage-health';
import { assertSqliteFile, openStore, type Db } from './store/open';
import { createRequestLog } from './api/request-log';
import { createProjectsRepo } from './store/projects-repo';
import { createSettingsRepo } from './store/settings-repo';
import { createFeatures } from './features';
import { createOneInboxRepo } from './providers/oneinbox/repo';

export interface StudioOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Serve the built renderer from this folder (headless mode). */
  uiDir?: string;
  /** better-sqlite3 native addon to load (the desktop app's Electron build). */
  nativeBinding?: string;
  clock?: Clock;
  random?: Random;
  /** Host names (with or without a port) that may reach the studio besides loopback (`--allow-host`). */
  allowHosts?: readonly string[];
  /** Shorter connection deadlines (tests only; the defaults are `SERVER_TIMEOUTS`). */
  serverTimeouts?: Partial<ServerTimeouts>;
  /** Where start-up notices go (default stderr). */
  notice?: (line: string) => void;
  /** Write `runtime.json` so the CLI can find this studio (default true). */
  writeRuntimeFile?: boolean;
}

export type Studio = Awaited<ReturnType<typeof createStudio>>;

/**
 * The studio's engine, host-agnostic: opens the store, starts the HTTP server on
 * loopback, and exposes the contract's commands and events.
 */
export async function createStudio(options: StudioOptions) {
  const realClock = options.clock ?? systemClock;
  const clock = realClock;
  const random = options.random ?? systemRandom;
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir;
  const startedAt = clock.now();

  const notice = options.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
  prepareDataDir(dataDir, notice);
  const running = readRuntime(dataDir);
  if (running && running.pid !== process.pid) {
    if (await studioAnswers(running)) {
      throw new StartupError(
        'already_running',
        `a studio is already running on http://${running.host}:${running.port} (pid ${running.pid}) for data dir ${dataDir}`,
      );
    }
    // Its pid lives on in another process, but no studio answers there: a leftover.
    removeStaleRuntime(dataDir);
    notice(
      `webhook-studio: removed a stale runtime.json (pid ${running.pid}, port ${running.port}: no studio answers)`,
    );
  }

  const bus = createEventBus();
  // The API request log's writer thread boots (an isolate of its own, better-sqlite3, api-log.db)
  // while this thread opens the store, builds the features and listens; nothing waits for it
  // (requests logged meanwhile wait in its ring). Waiting for it held the start-up back by up to
  // 100 ms (bench/startup.ts). A file that is not SQLite still stops the start, said plainly; the
  // writer failing otherwise is a warning, and the studio serves without its log.
  const logPath = join(dataDir, API_LOG_FILE);
  assertSqliteFile(logPath);
  const requestLog = createRequestLog({
    path: logPath,
    nativeBinding: options.nativeBinding,
    bus,
    onProblem: (message) => console.error(`webhook-studio: ${message}`),
  });
  const dbPath = join(dataDir, DB_FILE);
  let db: Db;
  try {
    db = openStore(dbPath, { nativeBinding: options.nativeBinding });
  } catch (err) {
    await requestLog.close();
    throw err;
  }
  // One studio clock for everything the studio stamps (see proactive/studio-clock.ts).
  const studioClock = createStudioClock(db, realClock);
  const stamp: Clock = { now: () => studioClock.now() };
  const storage = storageHealthFor(db, () => studioClock.now());
  const settings = createSettingsRepo(db);
  const projects = createProjectsRepo(db, stamp, random);
  const defaults = projects.ensureDefaults();
  const oneInboxApiKey = createOneInboxRepo(db, clock, random).apiKey();
  const token = random.token(32);
  let port = options.port ?? 0;
  // The address it binds is its own name too (`--host 192.168.1.20` is reached as that).
  const hosts = createHostGuard({
    port: () => port,
    // A wildcard bind is no name (pages reaching http://0.0.0.0 are an attack of their own).
    bound: host === '0.0.0.0' || host === '::' ? undefined : host.includes(':') ? `[${host}]` : host,
    allowed: options.allowHosts,
  });
  const app = createHttpServer({ hosts, timeouts: options.serverTimeouts });
  // A write the disk refused, on any route: the banner goes up (a later write takes it down).
  app.addHook('onError', (_req, _reply, err, done) => {
    storage.failed(err);
    done();
  });

  let state: StudioStatus['state'] = 'ready';
  const status = (): StudioStatus => ({
    state,
    version: VERSION,
    host,
    port,
    apiBaseUrl: `http://${host}:${port}`,
    uiUrl: options.uiDir ? `http://${host}:${port}/#token=${token}` : null,
    dataDir,
    dbPath,
    startedAt: startedAt.toISOString(),
    uptimeMs: clock.now().getTime() - startedAt.getTime(),
    projectId: defaults.project.project_id,
    agentId: defaults.agent.agent_id,
    apiKey: defaults.key.secret,
    oneInboxBaseUrl: `http://${host}:${port}`,
    oneInboxApiKey,
    storage: storage.get(),
  });

  const ctx: StudioContext = {
    db,
    clock: stamp,
    realClock,
    studioClock,
    random,
    bus,
    app,
    projects,
    settings,
    dataDir,
    nativeBinding: options.nativeBinding,
    status,
  };
  const features = await createFeatures(ctx, { requestLog });
  const handlers = Object.assign({}, ...features.map((f) => f.handlers ?? {})) as Handlers;
  const unhandled = Object.keys(commands).filter((m) => !(m in handlers));
  if (unhandled.length) throw new Error(`contract methods without a handler: ${unhandled.join(', ')}`);
  const dispatch = createDispatcher(handlers, { onStorageError: (err) => storage.failed(err) });

  app.get('/_studio/health', async () => ({ ok: true, version: VERSION }));
  if (options.uiDir) await registerStaticUi(app, options.uiDir);

  try {
    await app.listen({ host, port });
  } catch (err) {
    for (const f of [...features].reverse()) await f.close?.();
    db.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(
        'port_in_use',
        `port ${port} on ${host} is already in use; choose another with --port <n> (0 picks a free one)`,
      );
    }
    throw new StartupError('port_in_use', `cannot listen on ${host}:${port}: ${(err as Error).message}`);
  }
  port = (app.server.address() as AddressInfo).port;

  const ws = attachWsTransport({ server: app.server, token, dispatch, bus, hosts });

  try {
    for (const f of features) await f.start?.();
  } catch (err) {
    ws.close();
    for (const f of [...features].reverse()) await f.close?.();
    await app.close();
    db.close();
    if (err instanceof StartupError) throw err;
    throw new StartupError('database', (err as Error).message, { cause: err });
  }
  if (options.writeRuntimeFile !== false) {
    writeRuntime(dataDir, {
      pid: process.pid,
      host,
      port,
      token,
      startedAt: startedAt.toISOString(),
      version: VERSION,
    });
  }
  bus.emit('studio.statusChanged', status());
  const stopStorageWatch = storage.onChange(() => bus.emit('studio.statusChanged', status()));

  let closed: Promise<void> | null = null;
  function close(): Promise<void> {
    closed ??= (async () => {
      state = 'stopping';
      stopStorageWatch();
      bus.emit('studio.statusChanged', status());
      ws.close();
      for (const f of [...features].reverse()) await f.close?.();
      await app.close();
      if (options.writeRuntimeFile !== false) removeRuntime(dataDir, process.pid);
      db.close();
    })();
    return closed;
  }

  return {
    status,
    dispatch,
    bus,
    token,
    wsUrl: () => `ws://${host}:${port}${WS_PATH}?token=${encodeURIComponent(token)}`,
    /** A client for in-process callers (tests, the Electron main process). */
    connectInMemory: () => createMemoryChannel(dispatch, bus),
    context: ctx,
    close,
  };
}
