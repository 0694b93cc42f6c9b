import { useEffect, useState } from 'react';

/**
 * For a dialog that is in the page only while it is open. Mantine gives the focus back to the button
 * that opened a dialog when its `opened` turns false, which never happens to a dialog that is removed
 * instead: the focus would fall to the start of the page, and a keyboard user would have to find their
 * place again. This gives it back to the element that had it when the dialog appeared, unless the focus
 * went somewhere else on purpose meanwhile, or that element is gone.
 */
export function useFocusBackOnClose() {
  // Read while the dialog is first drawn, before its focus trap moves the focus into it.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      // Once the dialog's elements are gone: the browser has put the focus on the page's body by then.
      window.setTimeout(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus({ preventScroll: true });
      }, 10);
    },
    [opener],
  );
}
