import type { Method, ParamsOf, ResultOf } from '../../../../shared/contract';
import { useStudio } from '../../store/studio';

/** Calls a contract command through the studio's client (rejects when not connected). */
export function call<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const client = useStudio.getState().client;
  if (!client) return Promise.reject(new Error('not connected to the studio'));
  return (client.call as (m: M, p: ParamsOf<M>) => Promise<ResultOf<M>>)(method, params);
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
