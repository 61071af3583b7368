import type { StudioContext } from './context';
import type { Feature } from './feature';
import { studioFeature } from './studio-feature';
import { inspectorFeature } from './inspector/feature';
import { placeholderDispatcher } from './inspector/placeholder-dispatcher';

/**
 * The composition root: every feature of the core, in the order they are built. A
 * feature that needs another receives it here, explicitly.
 */
export async function createFeatures(ctx: StudioContext): Promise<Feature[]> {
  const studio = studioFeature(ctx);
  // TODO(lead): real dispatcher
  const inspector = inspectorFeature(ctx, { dispatcher: placeholderDispatcher });
  return [studio, inspector];
}
