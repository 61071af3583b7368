import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = 'input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])';

/**
 * A dialog takes the focus when it opens (its `initial` element, a control that took it by
 * itself, else its first control, else itself) and gives it back to what had it before it opened
 * when it closes.
 */
export function useDialogFocus<T extends HTMLElement>(initial?: RefObject<HTMLElement | null>): RefObject<T | null> {
  const dialog = useRef<T>(null);
  // Read during the first render, before any autoFocus inside the dialog moves the focus.
  const before = useRef<Element | null>(typeof document === 'undefined' ? null : document.activeElement);
  useEffect(() => {
    const el = dialog.current;
    const opener = before.current;
    if (el && !el.contains(document.activeElement)) {
      const target = initial?.current ?? el.querySelector<HTMLElement>(FOCUSABLE) ?? el;
      if (target === el && !el.hasAttribute('tabindex')) el.tabIndex = -1;
      target.focus();
    } else if (initial?.current) {
      initial.current.focus();
    }
    return () => {
      if (opener instanceof HTMLElement && document.contains(opener)) opener.focus();
    };
  }, [initial]);
  return dialog;
}
