import { commands, isMethod, type Method, type ParsedParamsOf, type ResultOf } from '../../shared/contract';
import { RequestEnvelopeSchema, type ResponseEnvelope } from '../../shared/envelope';
import { StudioError } from '../../shared/errors';
import { storageProblem } from '../http/problem';

export type Handlers = { [M in Method]: (params: ParsedParamsOf<M> & object) => ResultOf<M> | Promise<ResultOf<M>> };

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * Turns any incoming value into a response envelope: validates the envelope and the
 * params against the contract, runs the handler, maps every error to `{code, message}`.
 * Never throws.
 */
export function createDispatcher(handlers: Handlers, opts: { onStorageError?: (err: unknown) => void } = {}) {
  return async function dispatch(raw: unknown): Promise<ResponseEnvelope> {
    const env = RequestEnvelopeSchema.safeParse(raw);
    if (!env.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      return {
        id: typeof id === 'string' || typeof id === 'number' ? id : 0,
        error: { code: 'invalid_params', message: `malformed envelope: ${describeIssues(env.error.issues)}` },
      };
    }
    const { id, method, params } = env.data;
    if (!isMethod(method)) return { id, error: { code: 'unknown_method', message: `unknown method ${method}` } };
    const parsed = commands[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      return { id, error: { code: 'invalid_params', message: `${method}: ${describeIssues(parsed.error.issues)}` } };
    }
    try {
      const handler = handlers[method] as (p: unknown) => unknown;
      return { id, result: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof StudioError) return { id, error: err.toBody() };
      const disk = storageProblem(err);
      if (disk) {
        opts.onStorageError?.(err);
        return { id, error: { code: 'disk_full', message: disk.detail } };
      }
      return { id, error: { code: 'internal', message: (err as Error)?.message ?? String(err) } };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
