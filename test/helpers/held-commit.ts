import type { GroupCommit } from '../../src/core/store/group-commit';

/**
 * A group commit that commits when the test says so: whatever waits for `committed()` waits
 * until `release()`. Writes run straight away (each commits alone underneath).
 */
export function heldCommit(): { commits: GroupCommit; release: () => void } {
  let release!: () => void;
  const commit = new Promise<void>((resolve) => (release = resolve));
  const commits = {
    join: () => {},
    committed: () => commit,
    later: (write: () => void) => write(),
    flush: () => {},
  } as unknown as GroupCommit;
  return { commits, release: () => release() };
}
