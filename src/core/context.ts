import type { StudioHttpServer } from './http/server';
import type { StudioStatus } from '../shared/contract';
import type { Clock, Random } from './deps';
import type { StudioClock } from './proactive/studio-clock';
import type { EventBus } from './live/bus';
import type { Db } from './store/open';
import type { ProjectsRepo } from './store/projects-repo';
import type { SettingsRepo } from './store/settings-repo';

/** What every feature of the core is built from. */
export interface StudioContext {
  db: Db;
  /** The studio clock (real time + the advance-time offset): what every stored timestamp comes from. */
  clock: Clock;
  /** The real clock, for what measures the real world (durations, signature timestamps, arrivals). Default `clock`. */
  realClock?: Clock;
  /** The studio clock itself (offset, advance); created from `clock` when absent (tests). */
  studioClock?: StudioClock;
  random: Random;
  bus: EventBus;
  app: StudioHttpServer;
  projects: ProjectsRepo;
  settings: SettingsRepo;
  dataDir: string;
  /** better-sqlite3 native addon for extra connections (worker threads); the desktop app's Electron build. */
  nativeBinding?: string;
  status(): StudioStatus;
}
