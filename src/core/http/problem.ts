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
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  detail: string,
  extra: { instance?: string; errors?: FieldError[] } = {},
): Problem {
  const p: Problem = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    error: detail,
    message: detail,
  };
  if (extra.instance) p.instance = extra.instance;
  if (extra.errors?.length) p.errors = extra.errors;
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
