import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createElectronPrintDialog, createElectronPrinter, type PrintWindow } from '../../../electron/main/printing';
import { printOnce } from '../../../electron/printing/printer';
import { PrivateTempFolder } from '../../../electron/db/temp-files';
import { tempDatabasePath } from '../../helpers/temp';

/** The private temp folder of a database in a fresh test folder. */
const privateTemp = () => new PrivateTempFolder(tempDatabasePath());

function fakeWindow(fail?: 'load' | 'print', userSends = true) {
  const calls: string[] = [];
  const modes: number[] = [];
  let loaded = '';
  const window: PrintWindow = {
    async loadFile(file) {
      calls.push('load');
      loaded = file;
      expect(readFileSync(file, 'utf8')).toBe('<p>Brief</p>');
      modes.push(statSync(file).mode & 0o777, statSync(path.dirname(file)).mode & 0o777);
      if (fail === 'load') throw new Error('load failed');
    },
    webContents: {
      async executeJavaScript(code) {
        calls.push(`js:${code}`);
        return true;
      },
      async printToPDF(options) {
        calls.push(`pdf:${JSON.stringify(options)}`);
        if (fail === 'print') throw new Error('print failed');
        return new Uint8Array([37, 80, 68, 70]);
      },
      print(options, callback) {
        calls.push(`dialog:${JSON.stringify(options)}`);
        setTimeout(() => callback(userSends, userSends ? '' : 'cancelled'), 0);
      },
    },
    destroy() {
      calls.push('destroy');
    },
  };
  return { window, calls, modes, loadedFile: () => loaded };
}

describe('printing in the desktop app', () => {
  it('waits for the fonts, prints A4 with the page’s own size, and cleans up', async () => {
    const fake = fakeWindow();
    const temp = privateTemp();
    const pdf = await printOnce(createElectronPrinter(() => fake.window)(temp), '<p>Brief</p>');
    expect([...pdf]).toEqual([37, 80, 68, 70]);
    expect(fake.calls[0]).toBe('load');
    expect(fake.calls[1]).toBe('js:document.fonts.ready.then(() => true)');
    expect(JSON.parse(fake.calls[2]!.slice(4))).toMatchObject({
      pageSize: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      generateTaggedPDF: false,
    });
    expect(fake.calls.at(-1)).toBe('destroy');
    expect(existsSync(path.dirname(fake.loadedFile()))).toBe(false);
    // The page lay in the database's private temp folder, readable by this user only; nothing is left there.
    expect(path.dirname(path.dirname(fake.loadedFile()))).toBe(temp.processFolder);
    expect(fake.modes).toEqual([0o600, 0o700]);
    expect(existsSync(temp.root)).toBe(false);
  });

  it.each(['load', 'print'] as const)('closes the window and removes the file when %s fails', async (fail) => {
    const fake = fakeWindow(fail);
    await expect(printOnce(createElectronPrinter(() => fake.window)(privateTemp()), '<p>Brief</p>')).rejects.toThrow(`${fail} failed`);
    expect(fake.calls.at(-1)).toBe('destroy');
    expect(existsSync(path.dirname(fake.loadedFile()))).toBe(false);
  });

  it('shows the system print dialog after the fonts and tells whether the job went to the printer', async () => {
    for (const sent of [true, false]) {
      const fake = fakeWindow(undefined, sent);
      expect(await createElectronPrintDialog(() => fake.window)(privateTemp())('<p>Brief</p>')).toBe(sent);
      expect(fake.calls.slice(0, 3)).toEqual([
        'load',
        'js:document.fonts.ready.then(() => true)',
        'dialog:{"silent":false,"printBackground":true}',
      ]);
      expect(fake.calls.at(-1)).toBe('destroy');
      expect(existsSync(path.dirname(fake.loadedFile()))).toBe(false);
    }
  });
});
