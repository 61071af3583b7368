import { useEffect, useRef } from 'react';

/** An inline confirmation for a destructive action; Escape cancels, focus starts on Cancel. */
export function Confirm({
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-label={message}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <span>{message}</span>
      <button type="button" className="btn danger" onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" className="btn" ref={cancel} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
