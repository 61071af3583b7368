import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../src/shared/contract/inspector';
import { SignaturesView } from '../../../src/renderer/src/features/signatures/SignaturesView';
import { useSignatures } from '../../../src/renderer/src/features/signatures/store';
import { installFakeClient } from '../fake-client';

// The reasons themselves are tested against node:crypto vectors in test/core/inspector/diagnose.test.ts;
// here the core's answers are canned and the panel must show them and send the right params.
const BODY = '{"test":true}';
const HEADER = 'Sonzai-Signature: t=1700000000,v1=6b5fed5c051827b218c67bf2582ae0b5dea7dcfdb4341bb32bcbbeda5980515a';
const base = { notes: [], timestamp: 1_700_000_000, expectedHmac: 'e'.repeat(64), receivedHmacs: ['6b5f'] };
const ANSWERS: Record<string, Diagnosis> = {
  [BODY]: { ...base, ok: true, reason: 'valid', message: 'the signature matches this body and secret' },
  '{"test": true}': {
    ...base,
    ok: false,
    reason: 'reserialised',
    message: 'body re-serialised: the JSON is equal but the bytes differ (whitespace)',
    notes: ['signed 13 bytes, verifying 14 bytes'],
  },
  prefixed: { ...base, ok: false, reason: 'prefix_not_stripped', message: 'the whsec_ prefix was not stripped' },
};

function setup() {
  useSignatures.setState({
    body: '',
    header: '',
    secret: '',
    webhookId: '',
    tolerance: '300',
    result: null,
    error: null,
  });
  return installFakeClient({
    'signature.diagnose': (p) => ANSWERS[p.body as string],
    'signature.webhooks': () => ({
      webhooks: [
        { webhookId: 'wh_1', projectId: 'p', eventType: 'agent.message', webhookUrl: 'http://localhost:3000/h' },
      ],
    }),
    'signature.snippets': () => ({
      snippets: [
        { language: 'node', filename: 'sonzai-webhook.mjs', code: '// node code' },
        { language: 'python', filename: 'sonzai_webhook.py', code: '# python code' },
      ],
    }),
  });
}

function fill(body: string, header: string, secret: string) {
  fireEvent.change(screen.getByLabelText('Raw body'), { target: { value: body } });
  fireEvent.change(screen.getByLabelText('Signature header'), { target: { value: header } });
  fireEvent.change(screen.getByLabelText('Signing secret'), { target: { value: secret } });
  fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
}

describe('Verify panel', () => {
  beforeEach(() => {
    setup();
  });

  it('says ✓ for the right body, header and secret', async () => {
    render(<SignaturesView />);
    fill(BODY, HEADER, 'whsec_fixedkey123');
    const verdict = await screen.findByRole('status', { name: 'Verdict' });
    expect(verdict.textContent).toContain('Valid signature');
    expect(verdict.className).toContain('verdict-ok');
  });

  it('names the reason, its notes and the expected HMAC', async () => {
    const fake = setup();
    render(<SignaturesView />);
    fill('{"test": true}', HEADER, 'whsec_fixedkey123');
    const verdict = await screen.findByRole('status', { name: 'Verdict' });
    expect(verdict.className).toContain('verdict-bad');
    expect(verdict.textContent).toMatch(/Body re-serialised.*\(whitespace\)/);
    expect(verdict.textContent).toContain('signed 13 bytes, verifying 14 bytes');
    expect(verdict.textContent).toContain(`v1=${'e'.repeat(64)}`);
    fireEvent.change(screen.getByLabelText('Tolerance in seconds'), { target: { value: '60' } });
    fill('prefixed', HEADER, 'whsec_fixedkey123');
    expect((await screen.findByRole('status', { name: 'Verdict' })).textContent).toContain(
      'whsec_ prefix not stripped',
    );
    expect(fake.call).toHaveBeenLastCalledWith('signature.diagnose', {
      body: 'prefixed',
      header: HEADER,
      secret: 'whsec_fixedkey123',
      toleranceSeconds: 60,
    });
  });

  it('asks for a secret or a webhook, and sends the webhook instead of a secret when picked', async () => {
    const fake = setup();
    render(<SignaturesView />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Paste a secret or pick a webhook');
    await screen.findByRole('option', { name: /agent.message → http:\/\/localhost:3000\/h/ });
    fireEvent.change(screen.getByLabelText('Webhook'), { target: { value: 'wh_1' } });
    fireEvent.change(screen.getByLabelText('Raw body'), { target: { value: BODY } });
    fireEvent.change(screen.getByLabelText('Signature header'), { target: { value: HEADER } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() =>
      expect(fake.call).toHaveBeenCalledWith('signature.diagnose', {
        body: BODY,
        header: HEADER,
        webhookId: 'wh_1',
        toleranceSeconds: 300,
      }),
    );
  });

  it('shows the snippets with a copy button per language', async () => {
    render(<SignaturesView />);
    await screen.findByText('// node code');
    fireEvent.click(screen.getByRole('tab', { name: 'Python' }));
    expect(screen.getByText('# python code')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy code: sonzai_webhook.py' })).toBeTruthy();
  });
});
