import { expect, type Page } from '@playwright/test';

/** Shows more of the contact table's columns through its "Spalten" menu (only the main ones show at first). */
export async function showColumns(page: Page, names: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Spalten' }).click();
  for (const name of names) await page.getByRole('checkbox', { name, exact: true }).check();
  await page.keyboard.press('Escape');
  for (const name of names) await expect(page.getByRole('grid', { name: 'Kontakte' }).getByRole('columnheader', { name })).toBeVisible();
}
