import {
  DeliverySettingsSchema,
  type DeliverySettings,
  type DeliverySettingsPatch,
} from '../../shared/delivery-settings';
import type { EventBus } from '../live/bus';
import type { SettingsRepo } from '../store/settings-repo';

/**
 * Delivery settings live in the studio's `settings` table under the `delivery` key. The
 * dispatcher reads them on every try, so they are cached and refreshed on every
 * `settings.changed` (whoever changed them).
 */
export function createDeliverySettings(settings: SettingsRepo, bus: EventBus) {
  let cache: DeliverySettings = settings.get().delivery;
  const unsubscribe = bus.subscribe(
    (e) => {
      if (e.event === 'settings.changed') cache = e.payload.delivery;
    },
    ['settings.changed'],
  );
  return {
    get: (): DeliverySettings => cache,
    set(patch: DeliverySettingsPatch): DeliverySettings {
      const next = DeliverySettingsSchema.parse({ ...cache, ...patch });
      const all = settings.set({ delivery: next });
      cache = all.delivery;
      bus.emit('settings.changed', all);
      return cache;
    },
    close: () => unsubscribe(),
  };
}
export type DeliverySettingsStore = ReturnType<typeof createDeliverySettings>;
