/** A complete Node handler (no dependencies) verifying Sonzai-Signature on the raw bytes. */
export const NODE_SNIPPET = String.raw`// sonzai-webhook.mjs - run: WEBHOOK_SECRET=whsec_... PORT=3000 node sonzai-webhook.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const TOLERANCE_SECONDS = 300;

/** Returns null when valid, else the reason. rawBody must be the exact bytes received. */
export function verifySonzaiSignature(rawBody, header, secret, now = Math.floor(Date.now() / 1000)) {
  if (!header) return 'missing Sonzai-Signature header';
  let timestamp = null;
  const signatures = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && /^\d+$/.test(value ?? '')) timestamp = Number(value);
    else if (key === 'v1' && value) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return 'malformed Sonzai-Signature header';
  if (Math.abs(now - timestamp) > TOLERANCE_SECONDS) return 'timestamp outside tolerance';
  // The key is the secret without "whsec_", as UTF-8 bytes (not base64-decoded).
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'utf8');
  const expected = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(timestamp + '.', 'utf8'), rawBody]))
    .digest('hex');
  const ok = signatures.some(
    (s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), Buffer.from(expected)),
  );
  return ok ? null : 'signature mismatch';
}

const secret = process.env.WEBHOOK_SECRET ?? '';
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const rawBody = Buffer.concat(chunks); // verify these bytes, before JSON.parse
    const problem = verifySonzaiSignature(rawBody, req.headers['sonzai-signature'], secret);
    if (problem) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
      return;
    }
    const event = JSON.parse(rawBody.toString('utf8'));
    console.log('verified', event.event_type ?? event.type ?? 'event');
    res.writeHead(204).end();
  });
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log('listening on ' + server.address().port);
});
`;
