import type { AttemptDetail } from '../../shared/contract/inspector';
import { VERSION } from '../../shared/version';

/** Headers curl computes itself or that describe the connection, not the request. */
const HOP_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

/** Bash `$'…'` quoting: every byte survives, control bytes as \xHH. */
export function ansiCQuote(text: string): string {
  let out = "$'";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + "'";
}

/** Plain single quotes when safe, `$'…'` otherwise. */
export function shellQuote(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? `'${text.replace(/'/g, `'\\''`)}'` : ansiCQuote(text);
}

/**
 * A curl command that sends the attempt's exact bytes and headers (signature included).
 * The body is piped to `--data-binary @-`: as `$'…'` text when it is UTF-8 without NUL,
 * otherwise through `base64 -d`. curl's own Accept / User-Agent / Expect headers are
 * removed unless the original request had them.
 */
export function toCurl(d: AttemptDetail): string {
  const headers = Object.entries(d.request.headers).filter(([k]) => !HOP_HEADERS.has(k.toLowerCase()));
  const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
  const body = Buffer.from(d.request.bodyBase64, 'base64');
  const textSafe = d.request.isUtf8 && !body.includes(0);
  const feed = textSafe
    ? `printf '%s' ${ansiCQuote(body.toString('utf8'))}`
    : `printf '%s' '${d.request.bodyBase64}' | base64 -d`;
  const lines = [
    `# ${d.summary.attemptId} · ${d.summary.eventType} · ${d.request.bodyBytes} bytes`,
    `${feed} | curl -sS -X POST ${shellQuote(d.request.url)} \\`,
    ...headers.map(([k, v]) => `  -H ${shellQuote(`${k}: ${v}`)} \\`),
    ...(!has('accept') ? [`  -H 'Accept:' \\`] : []),
    ...(!has('user-agent') ? [`  -H 'User-Agent:' \\`] : []),
    ...(!has('expect') ? [`  -H 'Expect:' \\`] : []),
    `  --data-binary @-`,
  ];
  return lines.join('\n');
}

export function toJsonExport(details: AttemptDetail[], now: Date): string {
  return JSON.stringify(
    {
      exportedAt: now.toISOString(),
      creator: { name: 'Sonzai Webhook Studio', version: VERSION },
      count: details.length,
      attempts: details.map((d) => ({
        ...d.summary,
        webhookId: d.webhookId,
        request: {
          method: d.request.method,
          url: d.request.url,
          headers: d.request.headers,
          body: d.request.bodyText,
          bodyBase64: d.request.bodyBase64,
        },
        response: d.response,
        signature: d.signature,
      })),
    },
    null,
    2,
  );
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const harHeaders = (h: Record<string, string> | null) =>
  Object.entries(h ?? {}).map(([name, value]) => ({ name, value }));

function queryString(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function headerValue(h: Record<string, string> | null, name: string): string | undefined {
  return Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
}

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), as Chrome and Firefox dev tools import it. */
export function toHar(details: AttemptDetail[]) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Sonzai Webhook Studio', version: VERSION },
      pages: [],
      entries: details.map((d) => {
        const responseBody = d.response.body ?? '';
        const respBytes = Buffer.byteLength(responseBody, 'utf8');
        return {
          startedDateTime: new Date(d.summary.createdAt).toISOString(),
          time: d.summary.durationMs,
          request: {
            method: 'POST',
            url: d.request.url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(d.request.headers),
            queryString: queryString(d.request.url),
            postData: {
              mimeType: headerValue(d.request.headers, 'content-type') ?? 'application/json',
              text: d.request.bodyText,
              params: [],
            },
            headersSize: -1,
            bodySize: d.request.bodyBytes,
          },
          response: {
            status: d.response.status,
            statusText: STATUS_TEXT[d.response.status] ?? '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(d.response.headers),
            content: {
              size: respBytes,
              mimeType: headerValue(d.response.headers, 'content-type') ?? 'text/plain',
              text: responseBody,
            },
            redirectURL: '',
            headersSize: -1,
            bodySize: d.response.status === 0 ? -1 : respBytes,
          },
          cache: {},
          timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: d.summary.durationMs, receive: 0 },
          comment: [d.summary.kind, d.summary.errorMessage].filter(Boolean).join(': '),
          _attemptId: d.summary.attemptId,
          _eventType: d.summary.eventType,
          _kind: d.summary.kind,
          _replayOf: d.summary.replayOf,
          _error: d.summary.errorMessage,
          _injected: d.summary.injected,
        };
      }),
    },
  };
}
