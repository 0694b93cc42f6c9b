import { type CSSVariablesResolver, createTheme, Drawer, darken, luminance, Menu, Modal, type MantineColorsTuple } from '@mantine/core';

/** WCAG 2.1 AA for text (1.4.3), with a little room for rounding: axe compares the exact ratio. */
const TEXT_CONTRAST = 4.6;

const contrast = (foreground: string, background: string) => {
  const [lighter, darker] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
};

/** `color`, darkened in small steps until text in it is readable on `background`. */
function readableOn(color: string, background: string): string {
  for (let amount = 0; amount < 1; amount += 0.02) {
    const candidate = amount === 0 ? color : darken(color, amount);
    if (contrast(candidate, background) >= TEXT_CONTRAST) return candidate;
  }
  return '#000000';
}

/**
 * Hints and descriptions (`c="dimmed"`): Mantine's gray 6 (#868e96) reaches only 3.3:1 on white. This
 * grey still reads as secondary beside black text, at 6.5:1 on white and at least 4.9:1 on every light
 * background the app puts text on (Mantine's shades 0 and 1: alerts, light badges, the selection bar).
 */
const DIMMED = '#585f66';

/**
 * Mantine's light colour scheme picks shades by look, not by contrast: white on the teal buttons is
 * 2.5:1, a light badge's text (shade 9 on shade 1) is 2.7:1 in yellow, 3.6:1 in orange. Every colour
 * is made readable here, once, so that no component has to choose darker shades by hand: filled
 * backgrounds under white text, coloured text on white (outline, subtle, `c="red"`), and the text of
 * the light variant on its background and on its hover background.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => {
  const shade = typeof theme.primaryShade === 'number' ? theme.primaryShade : theme.primaryShade.light;
  const light: Record<string, string> = {
    '--mantine-color-dimmed': DIMMED,
    // Placeholders are text too ("beliebig" in the filters): as readable as a hint.
    '--mantine-color-placeholder': DIMMED,
    '--mantine-color-anchor': 'var(--mantine-primary-color-filled)',
    '--mantine-color-error': 'var(--mantine-color-red-filled)',
    '--mantine-color-success': 'var(--mantine-color-teal-filled)',
  };
  for (const [name, shades] of Object.entries(theme.colors) as [string, MantineColorsTuple][]) {
    const filled = readableOn(shades[shade], theme.white);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    light[`--mantine-color-${name}-outline`] = filled;
    light[`--mantine-color-${name}-light-color`] = readableOn(shades[9], shades[2]);
  }
  return { variables: {}, light, dark: {} };
};

/**
 * Calm colours and generous sizes: the users are office managers, often on laptop screens. `closeLabel`
 * names the close button of every dialog and drawer (Mantine leaves it without a name).
 */
export const appTheme = (closeLabel: string) =>
  createTheme({
    primaryColor: 'teal',
    defaultRadius: 'md',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    headings: { fontWeight: '600' },
    // Keyboard focus is always shown (Mantine's ring on :focus-visible); never turned off.
    focusRing: 'auto',
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      // The placeholder is a focusable element with role "presentation" inside role "menu", which
      // screen readers cannot announce; without it, a menu opened by keyboard focuses its first item.
      Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    },
  });
