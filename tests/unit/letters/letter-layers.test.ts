import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openChromiumPrinter } from '../../../electron/printing/chromium';
import { printInLayers, printInParts } from '../../../electron/printing/print-in-parts';
import { renderLetters } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import type { NewContact } from '../../../electron/db/repositories/contacts';
import type { LetterForm } from '../../../shared/letters/din-letter';
import { completeProfile } from '../../helpers/profile';
import { grayPages, pageCount, pdftotext, words } from '../../helpers/pdf';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

const kassel = { street: 'Am Lindenhof 12', postalCode: '34131', city: 'Kassel', region: null, country: null, label: null };

/** Letters to contacts as different as the office's: titles, a company, long names, English, with and without numbers. */
const contacts: NewContact[] = [
  {
    displayName: 'Jürgen Müller',
    givenName: 'Jürgen',
    familyName: 'Müller',
    gender: 'male',
    customerNumber: 'K-4711',
    addresses: [kassel],
  },
  {
    displayName: 'Prof. Dr. Maria-Magdalena Gonçalves-Oberhausen-Schmidt-Rüdesheimer',
    givenName: 'Maria-Magdalena',
    familyName: 'Gonçalves-Oberhausen-Schmidt-Rüdesheimer',
    title: 'Prof. Dr.',
    gender: 'female',
    organization: 'Ingenieurbüro für Tragwerksplanung und Bauphysik Oberhausen & Partner mbB',
    phones: [{ raw: '+49 171 1234567', e164: '+491711234567', kind: 'mobile', label: null }],
    addresses: [{ ...kassel, street: 'Wilhelmshöher Allee 262, Hinterhaus, 3. Obergeschoss links' }],
  },
  { displayName: 'Elektro Meier KG', organization: 'Elektro Meier KG', isCompany: true, addresses: [kassel] },
  {
    displayName: 'Emma Clarke',
    givenName: 'Emma',
    familyName: 'Clarke',
    gender: 'female',
    language: 'en',
    customerNumber: 'K-9',
    addresses: [{ ...kassel, country: 'GB', city: 'London', postalCode: 'SW1A 1AA' }],
  },
  { displayName: 'Olaf Ötztal', givenName: 'Olaf', familyName: 'Ötztal', addresses: [kassel] },
];

function consentLetters(form: LetterForm = 'B') {
  const session = testSession();
  updateProfile(session.ctx, completeProfile);
  const ids = session.ctx.repos.transaction(() => contacts.map((contact) => session.ctx.repos.contacts.insert(contact)));
  return renderLetters(session.ctx, { ids, form, date: '2026-11-27' });
}

describe('consent letters in two layers', () => {
  it('sorts letters into kinds by what they share: names, addresses and numbers make no new kind, a language does', () => {
    const layers = consentLetters().layers(2);
    expect(layers.personal).toHaveLength(3);
    const personal = layers.personal.map((part) => part()).join('');
    expect(personal).toContain('<body class="personal-layer">');
    expect(personal).not.toMatch(/[\uE000\uE001]/);
    // Three German letters to people are one kind; the company (its form asks who signs) and the
    // English letter are one each: three letters of three pages in the shared layer.
    const shared = layers.shared();
    expect(shared).toContain('<body class="shared-layer">');
    expect(shared.match(/<section class="page letter"/g)).toHaveLength(3);
    expect(layers.underlays()).toEqual([0, 1, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2]);
  });

  it('keeps a long name on its line: smaller, and much longer cut where its box ends', () => {
    const html = consentLetters().html();
    // "Von: Prof. Dr. … · +491711234567" (87 characters) is set smaller still (8 pt), on both copies of the form;
    // "Unterschrift (Prof. Dr. …)" (80) too, on the copy to sign; what 8 pt cannot hold ends at the margin.
    expect(html).toContain('<span class="tight">Von: <strong>Prof. Dr. Maria-Magdalena');
    expect(html).toContain('<span class="tight">Unterschrift (Prof. Dr. Maria-Magdalena');
    expect(html.match(/class="(squeeze|tight)"/g)).toHaveLength(3);
  });

  it('cannot tell the kinds before every letter is written', () => {
    const layers = consentLetters().layers(2);
    layers.personal[0]!();
    expect(() => layers.underlays()).toThrow(/2 of 5 letters/);
  });

  it.each(['B', 'A'] as const)(
    'prints the very pages the whole letters print (Form %s), with each kind’s shared page once in the PDF',
    async (form) => {
      const letters = consentLetters(form);
      const dir = tempDir();
      const whole = path.join(dir, 'whole.pdf');
      const layered = path.join(dir, 'layered.pdf');
      writeFileSync(whole, await printInParts(letters.documents(2), openChromiumPrinter));
      writeFileSync(layered, await printInLayers(letters.layers(2), openChromiumPrinter));

      expect(pageCount(layered)).toBe(15);
      // Pixel for pixel (grey levels at 100 dpi): a long name moved nothing the shared layer draws.
      const [wholePages, layeredPages] = [grayPages(whole, 100), grayPages(layered, 100)];
      expect(layeredPages.map((page, index) => page.equals(wholePages[index]!))).toEqual(Array(15).fill(true));
      // Poppler reads the PDF without a complaint, pdf-lib too.
      expect(spawnSync('pdftotext', [layered, '-'], { encoding: 'utf8' }).stderr).toBe('');
      expect((await PDFDocument.load(readFileSync(layered))).getPageCount()).toBe(15);
      expect(pdftotext(layered)).toContain('Sehr geehrte Frau Prof. Dr. Gonçalves-Oberhausen-Schmidt-Rüdesheimer,');
      // A name set smaller to keep its line stays at 8 pt at least (DejaVu Sans: a word's box is 1.164 × the size).
      const sizes = words(whole).map((w) => (w.bottom - w.top) / (25.4 / 72) / 1.164);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(7.95);
      // Three kinds of three pages, each drawn once; every one of the fifteen pages draws its own part.
      const pdf = Buffer.from(await printInLayers(letters.layers(2), openChromiumPrinter)).toString('latin1');
      expect(pdf.match(/\/Subtype \/Form/g)).toHaveLength(9 + 15);
    },
    60_000,
  );
});
