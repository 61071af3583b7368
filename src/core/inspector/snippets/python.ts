/** A complete Python 3 handler (standard library only) verifying Sonzai-Signature on the raw bytes. */
export const PYTHON_SNIPPET = String.raw`# sonzai_webhook.py - run: WEBHOOK_SECRET=whsec_... PORT=3000 python3 sonzai_webhook.py
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

TOLERANCE_SECONDS = 300


def verify_sonzai_signature(raw_body, header, secret, now=None):
    """Returns None when valid, else the reason. raw_body must be the exact bytes received."""
    if not header:
        return "missing Sonzai-Signature header"
    timestamp, signatures = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        return "malformed Sonzai-Signature header"
    now = int(time.time()) if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return "timestamp outside tolerance"
    # The key is the secret without "whsec_", as UTF-8 bytes (not base64-decoded).
    key = (secret[6:] if secret.startswith("whsec_") else secret).encode("utf-8")
    expected = hmac.new(key, str(timestamp).encode() + b"." + raw_body, hashlib.sha256).hexdigest()
    if any(hmac.compare_digest(expected, s) for s in signatures):
        return None
    return "signature mismatch"


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        raw_body = self.rfile.read(int(self.headers.get("Content-Length", 0)))  # verify before json.loads
        problem = verify_sonzai_signature(raw_body, self.headers.get("Sonzai-Signature"), os.environ.get("WEBHOOK_SECRET", ""))
        if problem:
            self.send_response(400)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(problem.encode())
            return
        event = json.loads(raw_body)
        print("verified", event.get("event_type", "event"), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "3000"))), Handler)
    print("listening on %d" % server.server_address[1], flush=True)
    server.serve_forever()
`;
