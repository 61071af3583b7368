import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { DESKTOP_CSP } from './security';

/** The renderer is served over this privileged scheme, so one CSP header applies to it. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** As `protocol.registerSchemesAsPrivileged` wants it, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Headers every response of the app scheme carries, the CSP first. */
export const APP_HEADERS = {
  'Content-Security-Policy': DESKTOP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
} as const;

function answer(status: number, body: BodyInit | null, type = 'text/plain; charset=utf-8'): Response {
  return new Response(body, { status, headers: { ...APP_HEADERS, 'Content-Type': type } });
}

/**
 * The `protocol.handle` handler: files of the built renderer folder, nothing outside it,
 * only for GET/HEAD of the app's own host.
 */
export function rendererFileHandler(rendererDir: string): (req: Request) => Promise<Response> {
  const root = normalize(rendererDir + sep);
  return async (req) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return answer(400, 'bad url');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return answer(404, 'not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'method not allowed');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return answer(400, 'bad path');
    }
    if (path.includes('\0')) return answer(400, 'bad path');
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) return answer(404, 'not found');
    try {
      const body = await readFile(file);
      return answer(
        200,
        req.method === 'HEAD' ? null : body,
        TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      );
    } catch {
      return answer(404, 'not found');
    }
  };
}
