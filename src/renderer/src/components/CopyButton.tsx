import { useState } from 'react';

/** Copies `text` and says so for a moment. */
export function CopyButton({ text, label = 'Copy', title }: { text: string; label?: string; title?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (non-secure context): fall back to a hidden textarea.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1200);
  };
  return (
    <button type="button" className="copy" onClick={copy} title={title ?? `Copy ${text}`} aria-label={title ?? label}>
      {copied ? '✓ Copied' : label}
    </button>
  );
}
