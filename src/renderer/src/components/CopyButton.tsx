import { useState } from 'react';

/**
 * The accessible name: it starts with the visible label (WCAG 2.5.3, label in name), then
 * says what is copied when the title says more ("Copy key: the API key ci").
 */
export function copyName(label: string, title: string | undefined): string {
  if (!title) return label;
  if (title.toLowerCase().startsWith(label.toLowerCase())) return title;
  return `${label}: ${title.replace(/^copy\s+/i, '')}`;
}

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
    <button
      type="button"
      className="copy"
      onClick={copy}
      title={title ?? `Copy ${text}`}
      aria-label={copyName(label, title)}
    >
      {copied ? '✓ Copied' : label}
    </button>
  );
}
