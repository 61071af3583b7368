import { GO_SNIPPET } from './go';
import { NODE_SNIPPET } from './node';
import { PYTHON_SNIPPET } from './python';

/** Verification code matching production's scheme, shown in the Signatures view. */
export const SNIPPETS = [
  { language: 'node', filename: 'sonzai-webhook.mjs', code: NODE_SNIPPET },
  { language: 'python', filename: 'sonzai_webhook.py', code: PYTHON_SNIPPET },
  { language: 'go', filename: 'sonzai_webhook.go', code: GO_SNIPPET },
] as const;
