// The printable list of entries to delete from a business phone's address book (Handy-Abgleich).
import { translate } from '../i18n';
import { escapeHtml as h } from '../letters/html';
import { formatDate } from '../local-date';
import type { PhoneBookEntry } from '../model/phones';
import type { Language } from '../model/settings';

/**
 * One A4 document: a box to tick per entry, its name and number, and a line for who deleted them and
 * when (the record the checklist's "contact access" item rests on). Printed by Chromium like the
 * letters, so the preview, the PDF and the paper show the same page.
 */
export function deletionListHtml(input: { phone: string | null; entries: PhoneBookEntry[]; today: string; language: Language }): string {
  const t = (key: string, vars?: Record<string, string | number>) => translate(input.language, `phones.deletionList.${key}`, vars);
  const title = input.phone ? t('titleFor', { phone: input.phone }) : t('title');
  const rows = input.entries
    .map(
      (entry) =>
        `<tr><td class="box"></td><td>${h(entry.nameOnPhone ?? entry.name)}</td><td>${entry.nameOnPhone && entry.nameOnPhone !== entry.name ? h(entry.name) : ''}</td><td class="number">${h(entry.shown || '–')}</td></tr>`,
    )
    .join('');
  const css = `@page { size: A4; margin: 18mm 20mm; }
body { font: 10.5pt/1.4 Arial, Helvetica, sans-serif; color: #000; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
p { margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; border-bottom: 0.4mm solid #000; padding: 1.5mm 2mm; }
td { border-bottom: 0.2mm solid #999; padding: 2mm; vertical-align: middle; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.box { width: 5mm; }
td.box::before { content: ''; display: inline-block; width: 4mm; height: 4mm; border: 0.3mm solid #000; }
td.number { font-variant-numeric: tabular-nums; white-space: nowrap; }
.signature { margin-top: 12mm; display: flex; gap: 20mm; }
.signature div { flex: 1; border-top: 0.3mm solid #000; padding-top: 1mm; font-size: 9pt; }`;
  return `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${h(title)}</title><style>${css}</style></head><body>
<h1>${h(title)}</h1>
<p>${h(t('intro', { date: formatDate(input.today, input.language), count: input.entries.length }))}</p>
<table><thead><tr><th></th><th>${h(t('nameOnPhone'))}</th><th>${h(t('nameInApp'))}</th><th>${h(t('number'))}</th></tr></thead><tbody>${rows}</tbody></table>
<div class="signature"><div>${h(t('deletedBy'))}</div><div>${h(t('deletedOn'))}</div></div>
</body></html>`;
}
