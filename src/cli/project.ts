import type { StudioClient } from '../shared/rpc-client';

/** The project a command acts on: `--project`, or the studio's default project. */
export async function projectOf(client: StudioClient, flag: string | undefined): Promise<string> {
  if (flag) return flag;
  return (await client.call('events.targets', {})).projectId;
}
