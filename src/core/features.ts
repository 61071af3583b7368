import type { StudioContext } from './context';
import type { Feature } from './feature';
import { studioFeature } from './studio-feature';
import { tunnelFeature } from './tunnel/tunnel-feature';

/**
 * The composition root: every feature of the core, in the order they are built. A
 * feature that needs another receives it here, explicitly.
 */
export async function createFeatures(ctx: StudioContext): Promise<Feature[]> {
  const studio = studioFeature(ctx);
  const tunnel = await tunnelFeature(ctx);
  return [studio, tunnel];
}
