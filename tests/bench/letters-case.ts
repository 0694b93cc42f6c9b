// One letters measurement in a fresh process: `letters` prints consent letters of generated contacts
// to one PDF the way the app does (render, Chromium, mark the contacts); `floor` has the same Chromium
// print that many plain A4 pages of text; `text` prints the letters' own words as plain paragraphs,
// one plain page per letter page, in the same parts as the letters (what they cost without layout).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openChromiumPrinter } from '../../electron/printing/chromium';
import { printOnce } from '../../electron/printing/printer';
import { renderLetters, lettersPerPart, printLetters } from '../../electron/services/letters';
import { printInParts } from '../../electron/printing/print-in-parts';
import { updateProfile } from '../../electron/services/profile';
import { openSession } from '../../electron/services/session';
import { completeProfile } from '../helpers/profile';
import { contacts as generated } from './generate';

const [mode, work, countText] = process.argv.slice(2) as ['letters' | 'floor' | 'text', string, string];
const count = Number(countText);
const out = path.join(work, `${mode}.pdf`);

const plainPage = (paragraphs: string[]) =>
  `<section style="height:297mm;padding:25mm;box-sizing:border-box;page-break-after:always">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</section>`;
const plainDocument = (pages: string[], fontSize = '10pt') =>
  `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:0}body{margin:0;font-family:'DejaVu Sans',Arial,sans-serif;font-size:${fontSize}}</style></head><body>${pages.join('')}</body></html>`;
const plainPages = (pages: number) =>
  plainDocument(
    Array.from({ length: pages }, (_, i) =>
      plainPage([`Seite ${i + 1}`, 'Lorem ipsum dolor sit amet, consetetur sadipscing elitr. '.repeat(20)]),
    ),
  );

/** Each page of the letters (a <section>) as one plain paragraph of its words (9 pt, so the form's words fit a page). */
const lettersAsPlainText = (html: string) =>
  plainDocument(
    [...html.matchAll(/<section[\s\S]*?<\/section>/g)].map(([page]) => plainPage([page.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')])),
    '9pt',
  );

function seed(session: ReturnType<typeof openSession>): number[] {
  updateProfile(session.ctx, completeProfile);
  return session.ctx.repos.transaction(() =>
    [...generated(count)].map((c) =>
      session.ctx.repos.contacts.insert({
        displayName: `${c.given} ${c.family}`,
        givenName: c.given,
        familyName: c.family,
        gender: c.given.endsWith('a') || c.given.endsWith('e') ? 'female' : 'male',
        organization: c.company || null,
        addresses: [{ street: c.street, postalCode: c.zip, city: c.city, region: null, country: null, label: null }],
      }),
    ),
  );
}

let ms: number;
if (mode === 'floor') {
  const started = performance.now();
  // The same way as the letters: the browser started, the pages printed, the browser closed.
  writeFileSync(out, await printOnce(openChromiumPrinter, plainPages(count)));
  ms = performance.now() - started;
} else {
  const session = openSession({ databasePath: path.join(work, 'letters.sqlite'), adapter: 'cli' });
  const ids = seed(session);
  if (mode === 'text') {
    // Printed the way the letters are (same parts, two at a time, merged): only the layout differs.
    const letters = renderLetters(session.ctx, { ids, form: 'B' });
    const parts = letters.documents(lettersPerPart(letters.printed.length)).map((part) => lettersAsPlainText(part()));
    const started = performance.now();
    writeFileSync(out, await printInParts(parts, openChromiumPrinter));
    ms = performance.now() - started;
  } else {
    const started = performance.now();
    await printLetters(session.ctx, { ids, form: 'B' }, (pdf) => writeFileSync(out, pdf));
    ms = performance.now() - started;
  }
  session.close();
}
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
console.log(JSON.stringify({ ms, pages }));
