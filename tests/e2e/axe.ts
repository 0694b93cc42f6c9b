import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { root } from './host';

/**
 * What the app promises (issue 19): WCAG 2.1, levels A and AA; axe's best practices are checked too,
 * so that their serious findings (and the heading order below) fail as well.
 */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Violations that make a page unusable for someone, rather than harder to use: these fail a test. */
const failingImpacts = new Set(['serious', 'critical']);

/**
 * Only "moderate" for axe, but a screen reader user finds their way by the headings: a skipped level
 * (the contact's name, then "Nächste Schritte" two levels below) reads as a missing section.
 */
const alsoFailing = new Set(['heading-order']);

/**
 * The navigation's hash paths, read from renderer/src/routes.ts (the e2e project cannot import the
 * renderer's files): every page the app has, pages added later included.
 */
export const routePaths: string[] = [
  ...readFileSync(path.join(root, 'renderer', 'src', 'routes.ts'), 'utf8').matchAll(/\{\s*key:\s*'\w+',\s*path:\s*'([\w-]+)'/g),
].map((match) => match[1]!);

/**
 * Waits until nothing moves: a dialog still fading in has the wrong colours for axe's contrast check,
 * and a page still loading has nothing to check yet.
 */
export async function settle(page: Page) {
  await expect(page.getByLabel('Wird geladen …')).toHaveCount(0);
  // Transitions that end (a spinner's animation never does).
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY,
      ),
  );
}

/**
 * The failing violations on the page as it is now, one line per rule: rule, impact, how often, the
 * first elements and what is wrong with the first. axe-core is put into the page with `evaluate`, which
 * the app's CSP (script-src 'self') does not stop, unlike a script tag.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations
    .filter((violation) => failingImpacts.has(violation.impact ?? '') || alsoFailing.has(violation.id))
    .map((violation) => {
      const where = violation.nodes
        .slice(0, 4)
        .map((node) => node.target.join(' > '))
        .join(' | ');
      const why = (violation.nodes[0]?.failureSummary ?? '').split('\n').slice(1, 2).join('').trim();
      return `${violation.id} (${violation.impact}) ×${violation.nodes.length}: ${where} — ${why}`;
    });
}

/**
 * Runs axe on the page as it is now and records each failing violation as a failure of the test, named
 * by `where` (soft: one run reports every page and dialog, not only the first with a fault).
 */
export async function expectAccessible(page: Page, where: string) {
  await settle(page);
  const found = await axeViolations(page);
  expect.soft(found, `${where}: axe found ${found.length} violation(s)`).toEqual([]);
}
