/** The API log's words: the mock API's requests, live, with their lint flags. */
export default {
  title: 'API log',
  pause: 'Pause live',
  resume: 'Resume live',
  clear: 'Clear log',
  filters: {
    method: 'Method',
    status: 'Status',
    any: 'any',
    path: 'Path contains',
    lintOnly: 'Only flagged by lint',
  },
  empty: {
    title: 'No requests yet',
    text: 'Calls your code makes to the mock API (SONZAI_BASE_URL) show up here as they happen.',
  },
  table: {
    time: 'Time',
    method: 'Method',
    path: 'Path',
    status: 'Status',
    ms: 'ms',
    lint: 'Lint',
    lintCount_one: '{{n}} lint finding',
    lintCount_other: '{{n}} lint findings',
  },
  detail: {
    label: 'Request detail',
    close: 'Close detail',
    replayed: 'replayed (Idempotency-Key)',
    lint: 'Request lint:',
    requestHeaders: 'Request headers',
    requestBody: 'Request body',
    responseBody: 'Response body',
    truncated: '(truncated)',
    empty: '(empty)',
  },
} as const;
