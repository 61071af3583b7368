import { describe, expect, it } from 'vitest';
import { StartupError } from '../../src/core/errors';
import { StudioError } from '../../src/shared/errors';

// `serve` runs the core from its own bundle beside the CLI's: two copies of each error class in
// one process. A query string makes the loader evaluate the module a second time, as that does.
describe('error classes across two copies of their module', () => {
  it('a StudioError from the other copy is a StudioError here, and nothing else is', async () => {
    const other = (await import('../../src/shared/errors?copy' as string)) as typeof import('../../src/shared/errors');
    expect(other.StudioError).not.toBe(StudioError);
    const err = new other.StudioError('disk_full', 'the disk is full');
    expect(err instanceof StudioError).toBe(true);
    expect(new StudioError('not_found', 'x') instanceof other.StudioError).toBe(true);
    expect(new Error('plain') instanceof StudioError).toBe(false);
    expect(StudioError[Symbol.hasInstance](null)).toBe(false);
    expect(new StartupError('database', 'x') instanceof StudioError).toBe(false);
  });

  it('a StartupError from the other copy is a StartupError here, and nothing else is', async () => {
    const other = (await import('../../src/core/errors?copy' as string)) as typeof import('../../src/core/errors');
    expect(other.StartupError).not.toBe(StartupError);
    expect(new other.StartupError('port_in_use', 'taken') instanceof StartupError).toBe(true);
    expect(new StudioError('internal', 'x') instanceof StartupError).toBe(false);
    expect({ name: 'StartupError' } instanceof StartupError).toBe(false);
  });
});
