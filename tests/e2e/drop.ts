import { expect, type Page } from '@playwright/test';

/** Drops files on the window the way a file manager does; `overlay` is what the window says while they are dragged over it. */
export async function dropFiles(page: Page, files: { name: string; bytes: Buffer; type: string }[], overlay: string) {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const file of list) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
      return transfer;
    },
    files.map((file) => ({ ...file, bytes: [...file.bytes] })),
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByText(overlay)).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}
