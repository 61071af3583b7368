import type { Handlers } from './rpc/dispatch';
import type { StudioContext } from './context';

type StudioHandlers = Pick<Handlers, 'studio.status' | 'settings.get' | 'settings.set'>;

export function studioHandlers(ctx: StudioContext): StudioHandlers {
  return {
    'studio.status': () => ctx.status(),
    'settings.get': () => ctx.settings.get(),
    'settings.set': ({ patch }) => {
      const next = ctx.settings.set(patch);
      ctx.bus.emit('settings.changed', next);
      return next;
    },
  };
}
