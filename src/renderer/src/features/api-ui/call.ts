import type { Method, ParamsOf, ResultOf } from '../../../../shared/contract';
import i18next from 'i18next';
import { StudioError } from '../../../../shared/errors';
import { useStudio } from '../../store/studio';

/** Calls a contract command through the studio's client (rejects when not connected). */
export function call<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const client = useStudio.getState().client;
  if (!client) return Promise.reject(new Error(i18next.t('common:state.notConnected')));
  return (client.call as (m: M, p: ParamsOf<M>) => Promise<ResultOf<M>>)(method, params);
}

/**
 * What went wrong, for a person: the studio's own message (English, as in its API and CLI: it
 * names fields and values), framed in the UI's language by the error's stable code.
 */
export function errorText(err: unknown): string {
  if (err instanceof StudioError) return i18next.t(`common:error.${err.code}`, { detail: err.message });
  return err instanceof Error ? err.message : String(err);
}
