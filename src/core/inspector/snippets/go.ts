/** A complete Go handler (standard library only) verifying Sonzai-Signature on the raw bytes. */
export const GO_SNIPPET = String.raw`// sonzai_webhook.go - run: WEBHOOK_SECRET=whsec_... PORT=3000 go run sonzai_webhook.go
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

const toleranceSeconds = 300

// VerifySonzaiSignature returns "" when valid, else the reason. rawBody must be the exact bytes received.
func VerifySonzaiSignature(rawBody []byte, header, secret string, now time.Time) string {
	if header == "" {
		return "missing Sonzai-Signature header"
	}
	var timestamp int64 = -1
	var signatures []string
	for _, part := range strings.Split(header, ",") {
		key, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch key {
		case "t":
			if t, err := strconv.ParseInt(value, 10, 64); err == nil {
				timestamp = t
			}
		case "v1":
			if value != "" {
				signatures = append(signatures, value)
			}
		}
	}
	if timestamp < 0 || len(signatures) == 0 {
		return "malformed Sonzai-Signature header"
	}
	if d := now.Unix() - timestamp; d > toleranceSeconds || d < -toleranceSeconds {
		return "timestamp outside tolerance"
	}
	// The key is the secret without "whsec_", as UTF-8 bytes (not base64-decoded).
	mac := hmac.New(sha256.New, []byte(strings.TrimPrefix(secret, "whsec_")))
	mac.Write([]byte(strconv.FormatInt(timestamp, 10) + "."))
	mac.Write(rawBody)
	expected := hex.EncodeToString(mac.Sum(nil))
	for _, s := range signatures {
		if hmac.Equal([]byte(s), []byte(expected)) {
			return ""
		}
	}
	return "signature mismatch"
}

func main() {
	secret := os.Getenv("WEBHOOK_SECRET")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		rawBody, err := io.ReadAll(io.LimitReader(r.Body, 1<<20)) // verify these bytes, before json.Unmarshal
		if err != nil {
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		if problem := VerifySonzaiSignature(rawBody, r.Header.Get("Sonzai-Signature"), secret, time.Now()); problem != "" {
			http.Error(w, problem, http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %d\n", ln.Addr().(*net.TCPAddr).Port)
	log.Fatal(http.Serve(ln, nil))
}
`;
