/**
 * RFC 9457 problem details in Sonzai's `ErrorModel` shape, with `error` and `message`
 * repeating `detail` so the official SDKs print a readable message.
 */
export interface FieldError {
  location: string;
  message: string;
  value?: unknown;
}

export interface Problem {
  /** The mock API links its `ErrorModel` schema, as production (Huma) does. */
  $schema?: string;
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  error: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

/**
 * A field error's `value` as echoed back: strings cut to 200 characters, arrays and
 * objects to 20 entries and 3 levels. The value may be anything a client sent (a
 * 5,000-level array must not break the answer that rejects it).
 */
export function boundedValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 3) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => boundedValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).slice(0, 20))
    out[k] = boundedValue((value as Record<string, unknown>)[k], depth + 1);
  return out;
}

export function problem(
  status: number,
  detail: string,
  extra: { instance?: string; errors?: FieldError[]; schema?: string } = {},
): Problem {
  const p: Problem = {
    ...(extra.schema ? { $schema: extra.schema } : {}),
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    error: detail,
    message: detail,
  };
  if (extra.instance) p.instance = extra.instance;
  if (extra.errors?.length) p.errors = extra.errors.map((e) => ({ ...e, value: boundedValue(e.value) }));
  return p;
}

/** An error a route throws to answer with a problem. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly errors?: FieldError[];
  constructor(status: number, detail: string, errors?: FieldError[]) {
    super(detail);
    this.status = status;
    this.errors = errors;
  }
}

/**
 * A full or failing disk: SQLite's answers (better-sqlite3's `SqliteError.code`), and the file
 * system's for what the studio writes itself (the inbox journal).
 */
const STORAGE_CODES = /^(SQLITE_(FULL|IOERR|CANTOPEN|READONLY)|ENOSPC$|EDQUOT$|EIO$|EROFS$)/;

/**
 * A write the store refused because the disk is full (or failing): 507, said plainly, so
 * the caller knows it is the machine, not the request and not a bug. Null for other errors.
 */
export function storageProblem(err: unknown): { status: 507; detail: string } | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !STORAGE_CODES.test(code)) return null;
  const full = code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
  return {
    status: 507,
    detail: full
      ? "the studio's disk is full: nothing was stored; free some space and try again (stored data is intact)"
      : `the studio's disk refused the write (${code}): nothing was stored; check the disk and try again`,
  };
}

/**
 * A problem's `instance` as an absolute URI (the published schema says `format: uri`): the
 * address the request reached (the socket's, never the Host header a page could forge) and
 * its path, without the query.
 */
export function absoluteInstance(socket: { localAddress?: string; localPort?: number }, url: string): string {
  const addr = socket.localAddress ?? '127.0.0.1';
  const host = addr.includes(':') ? `[${addr.replace(/^::ffff:/, '')}]` : addr;
  const path = (url.split('?')[0] || '/').slice(0, 300);
  return `http://${host.replace(/^\[(\d+\.\d+\.\d+\.\d+)\]$/, '$1')}:${socket.localPort ?? 0}${path.startsWith('/') ? path : `/${path}`}`;
}
