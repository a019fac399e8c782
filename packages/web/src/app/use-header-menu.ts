import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * The header's disclosure menu (phone widths): a button with aria-expanded that shows or
 * hides the nav. Escape closes it and puts focus back on the button; focus is never
 * trapped (it is a disclosure, not a dialog). Going to another page closes it.
 */
export function useHeaderMenu() {
  const id = useId();
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    setOpen(false);
  }, [pathname]);

  const toggle = useCallback(() => setOpen((o) => !o), []);
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !open) return;
      // Only where the button is shown (a phone): at laptop widths the nav is always in view.
      if (!toggleRef.current || toggleRef.current.offsetParent === null) return;
      e.preventDefault();
      setOpen(false);
      toggleRef.current.focus();
    },
    [open],
  );
  return { id, open, toggle, onKeyDown, toggleRef };
}
