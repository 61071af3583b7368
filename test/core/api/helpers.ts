import { createStudio, type Studio } from '../../../src/core/index';
import { tempDir } from '../../helpers/tmp';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface Harness {
  studio: Studio;
  base: string;
  key: string;
  projectId: string;
  agentId: string;
  /** A request to `/api/v1<path>` over real HTTP with the default key (unless headers say otherwise). */
  api(
    method: string,
    path: string,
    opts?: { body?: unknown; raw?: string; headers?: Record<string, string>; key?: string | null },
  ): Promise<Answer>;
  /** Runs a contract command in-process. */
  cmd(method: string, params?: unknown): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export async function startApi(): Promise<Harness> {
  const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
  const s = studio.status();
  const base = `${s.apiBaseUrl}/api/v1`;
  return {
    studio,
    base,
    key: s.apiKey,
    projectId: s.projectId,
    agentId: s.agentId,
    async api(method, path, opts = {}) {
      const headers: Record<string, string> = {};
      const key = opts.key === undefined ? s.apiKey : opts.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined;
      if (opts.raw !== undefined) body = opts.raw;
      else if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined) headers['content-type'] = 'application/json';
      Object.assign(headers, opts.headers ?? {});
      const res = await fetch(base + path, { method, headers, body });
      const text = await res.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async cmd(method, params) {
      const r = await studio.dispatch({ id: 1, method, params });
      if ('error' in r) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.result;
    },
    close: () => studio.close(),
  };
}

/** A problem+json answer with a 4xx status, in Sonzai's ErrorModel shape. */
export function expectProblem(a: Answer, status: number): void {
  if (a.status !== status) throw new Error(`expected ${status}, got ${a.status}: ${a.text}`);
  if (!a.headers.get('content-type')?.startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${a.headers.get('content-type')}`);
  }
  const p = a.json as { status: number; detail: string; error: string; message: string; title: string };
  if (p.status !== status || !p.detail || p.error !== p.detail || p.message !== p.detail || !p.title) {
    throw new Error(`not an ErrorModel with error/message: ${a.text}`);
  }
}
