import type { StudioContext } from './context';
import type { Feature } from './feature';

/** Status and settings: the studio's own commands. */
export function studioFeature(ctx: StudioContext): Feature {
  return {
    name: 'studio',
    handlers: {
      'studio.status': () => ctx.status(),
      'settings.get': () => ctx.settings.get(),
      'settings.set': ({ patch }) => {
        const next = ctx.settings.set(patch);
        ctx.bus.emit('settings.changed', next);
        return next;
      },
    },
  };
}
