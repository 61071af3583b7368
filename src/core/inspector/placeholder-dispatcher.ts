import type { DispatcherApi } from '../dispatch/dispatcher-api';
import { StudioError } from '../errors';

const notYet = (): never => {
  throw new StudioError('unavailable', 'the dispatcher is not built into this studio yet');
};

/** Stands in for the dispatcher (issue 4) until it is merged. TODO(lead): delete once `features.ts` passes the real one. */
export const placeholderDispatcher: DispatcherApi = {
  fire: notYet,
  replay: async () => notYet(),
  retryNow: notYet,
  cancel: notYet,
  idle: async () => {},
};
