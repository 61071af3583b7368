import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';

/**
 * The accessible name: it starts with the visible label (WCAG 2.5.3, label in name), then
 * says what is copied when the title says more ("Copy key: the API key ci").
 */
export function copyName(label: string, title: string | undefined): string {
  if (!title) return label;
  if (title.toLowerCase().startsWith(label.toLowerCase())) return title;
  const what = title.replace(new RegExp(i18next.t('common:action.copyTitleVerb'), 'i'), '').trim();
  return i18next.t('common:action.copyNamed', { label, what });
}

/** Copies `text` and says so for a moment. */
export function CopyButton({ text, label: given, title }: { text: string; label?: string; title?: string }) {
  const { t } = useTranslation();
  const label = given ?? t('action.copy');
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
      title={title ?? t('action.copyValue', { value: text })}
      aria-label={copyName(label, title)}
    >
      {copied ? t('action.copied') : label}
    </button>
  );
}
