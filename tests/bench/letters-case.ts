// One letters measurement in a fresh process: `letters` prints 1,000 consent letters of generated
// contacts to one PDF the way the app does (render, Chromium, mark the contacts); `floor` has the same
// Chromium print 1,000 plain A4 pages of text.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printHtmlToPdf } from '../../electron/printing/chromium';
import { printConsentLetters } from '../../electron/services/letters';
import { updateProfile } from '../../electron/services/profile';
import { openSession } from '../../electron/services/session';
import { completeProfile } from '../helpers/profile';
import { contacts as generated } from './generate';

const [mode, work, countText] = process.argv.slice(2) as ['letters' | 'floor', string, string];
const count = Number(countText);
const out = path.join(work, `${mode}.pdf`);

function plainPages(pages: number): string {
  const body = Array.from({ length: pages }, (_, i) => `<section style="height:297mm;padding:25mm;box-sizing:border-box;page-break-after:always"><p>Seite ${i + 1}</p><p>${'Lorem ipsum dolor sit amet, consetetur sadipscing elitr. '.repeat(20)}</p></section>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:0}body{margin:0;font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt}</style></head><body>${body}</body></html>`;
}

let ms: number;
if (mode === 'floor') {
  const started = performance.now();
  await printHtmlToPdf(plainPages(count), out);
  ms = performance.now() - started;
} else {
  const session = openSession({ databasePath: path.join(work, 'letters.sqlite'), adapter: 'cli' });
  updateProfile(session.ctx, completeProfile);
  const ids = session.ctx.repos.transaction(() =>
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
  const started = performance.now();
  await printConsentLetters(session.ctx, { ids, form: 'B' }, (pdf) => writeFileSync(out, pdf));
  ms = performance.now() - started;
  session.close();
}
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
console.log(JSON.stringify({ ms, pages }));
