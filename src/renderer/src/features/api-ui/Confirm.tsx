import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDialogFocus } from '../../components/use-dialog-focus';

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
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  const dialog = useDialogFocus<HTMLDivElement>(cancel);
  return (
    <div
      ref={dialog}
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
        {t('action.cancel')}
      </button>
    </div>
  );
}
