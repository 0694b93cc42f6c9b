import { useEffect, useRef } from 'react';

/**
 * The letters' own HTML, shown as it will print: inside a shadow root, so that the letter's styles and
 * the app's never mix, scaled down to fit the screen. No iframe (the app's CSP allows none).
 */
export function LetterPreview({ html, scale = 0.62, label }: { html: string; scale?: number; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const document = new DOMParser().parseFromString(html, 'text/html');
    const styles = [...document.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
    root.innerHTML = `<style>${styles}
      :host { display: block; }
      .sheets { zoom: ${scale}; }
      .page { background-color: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); margin: 0 auto 10mm; }
    </style><div class="sheets">${document.body.innerHTML}</div>`;
  }, [html, scale]);
  // The letters scroll inside this box: focusable, so that the keyboard scrolls them too (arrow keys,
  // Page Down), named for screen readers, and with Mantine's focus ring while the keyboard is on it.
  return (
    <div
      ref={host}
      role="region"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus to be scrolled without a mouse (WCAG 2.1.1, axe's scrollable-region-focusable)
      tabIndex={0}
      className="mantine-focus-auto"
      data-testid="letter-preview"
      style={{ background: 'var(--mantine-color-gray-2)', padding: 16, borderRadius: 8, maxHeight: '70vh', overflow: 'auto' }}
    />
  );
}
