import type { Migration } from '../migrate';
import { m001Foundation } from './001-foundation';
import { m002Webhooks } from './002-webhooks';
import { m003Deliveries } from './003-deliveries';
import { m007Events } from './007-events';

/** Every migration, in order. Add new files; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [m001Foundation, m002Webhooks, m003Deliveries, m007Events];
