// The accountability report as one HTML document (A4), printed by Chromium like the letters.
import { translate } from '../i18n';
import { escapeHtml as h } from '../letters/html';
import { formatDate, formatDateTime, localDateOf } from '../local-date';
import type { AccountabilityReport } from '../model/report';
import type { Language } from '../model/settings';
import { contactKinds } from '../model/contact';
import { purposes, stages, targets } from '../model/tracking';

const css = `@page { size: A4; margin: 18mm 18mm 16mm; }
body { font: 9.5pt/1.4 Arial, Helvetica, sans-serif; color: #000; }
h1 { font-size: 16pt; margin: 0 0 1mm; }
h2 { font-size: 12pt; margin: 7mm 0 2mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.meta { color: #333; margin-bottom: 5mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 1.5mm; border-bottom: 0.2mm solid #999; }
th { border-bottom: 0.4mm solid #000; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts th { width: 38%; border-bottom: 0.2mm solid #999; font-weight: 600; }
.wording { border-left: 0.6mm solid #999; padding-left: 3mm; margin: 2mm 0 4mm; font-size: 8.5pt; }
.wording .box::before { content: '☐ '; }
.annex { break-before: page; }`;

/** The report's words in the report's language; `n` groups large numbers. */
const words = (language: Language) => (key: string, vars?: Record<string, string | number>) => translate(language, `report.${key}`, vars);

export function accountabilityReportHtml(report: AccountabilityReport, language: Language): string {
  const t = words(language);
  const label = (key: string) => translate(language, key);
  const date = (day: string | null) => (day ? formatDate(day, language) : '–');
  const number = (value: number) => value.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB');
  const table = (head: string[], rows: string[][], numeric: number[] = []) =>
    `<table><thead><tr>${head.map((cell, i) => `<th${numeric.includes(i) ? ' class="n"' : ''}>${h(cell)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((row) => `<tr>${row.map((cell, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const facts = (rows: [string, string][]) =>
    `<table class="facts"><tbody>${rows.map(([name, value]) => `<tr><th>${h(name)}</th><td>${value}</td></tr>`).join('')}</tbody></table>`;
  const c = report.controller;

  const processing = facts([
    [
      t('controller'),
      h(
        [c.name, c.representative && t('representedBy', { name: c.representative }), c.address, c.phone, c.email]
          .filter(Boolean)
          .join(', '),
      ),
    ],
    [t('dpo'), h(c.dpo ?? t('noDpo'))],
    [t('purposes'), h(report.purposesAsked.map((purpose) => label(`tracking.purposes.${purpose}`)).join(', '))],
    [t('people'), h(contactKinds.map((kind) => `${label(`contacts.kinds.${kind}`)}: ${number(report.byKind[kind])}`).join(', '))],
    [t('data'), h(t('dataText'))],
    [t('recipients'), h(t('recipientsText'))],
    [t('transfer'), h(t('transferText'))],
    [t('retention'), h([c.retention, t('retentionApp')].filter(Boolean).join(' '))],
    [
      t('measures'),
      `<ul>${['local', 'backups', 'access', 'phones', 'erasure', 'proof'].map((m) => `<li>${h(t(`measure.${m}`))}</li>`).join('')}</ul>`,
    ],
    [t('whatsappNumber'), h(c.whatsappNumber || '–')],
  ]);

  const counts = `${facts([
    [t('contacts'), number(report.contacts)],
    [t('consentsValid'), number(report.consentsValid)],
  ])}
<h3>${h(t('byStage'))}</h3>
${table(
  [t('stage'), t('count')],
  stages.map((stage) => [h(label(`tracking.stages.${stage}`)), number(report.byStage[stage])]),
  [1],
)}
<h3>${h(t('byTarget'))}</h3>
${table(
  [t('target'), t('count')],
  [...targets, 'none' as const].map((target) => [h(label(`tracking.targets.${target}`)), number(report.byTarget[target])]),
  [1],
)}
<h3>${h(t('byPurpose'))}</h3>
${table(
  [t('purpose'), t('count')],
  purposes.map((purpose) => [h(label(`tracking.purposes.${purpose}`)), number(report.byPurpose[purpose])]),
  [1],
)}
<h3>${h(t('progress'))}</h3>
${
  report.progress.length
    ? table(
        [t('week'), t('finished'), t('started')],
        report.progress.map((week) => [h(t('weekOf', { date: date(week.week) })), number(week.finished), number(week.started)]),
        [1, 2],
      )
    : `<p>${h(t('noProgress'))}</p>`
}`;

  const a = report.answers;
  const answers = facts([
    [t('consentLetters'), number(report.letters.consentLetters)],
    [t('invitationLetters'), number(report.letters.invitationLetters)],
    [t('consentsReceived'), number(a.consentsReceived)],
    [t('refused'), number(a.refused)],
    [t('withdrawn'), number(a.withdrawn)],
    [
      t('withdrawalDays'),
      h(a.withdrawalDaysMedian === null ? '–' : t('withdrawalDaysText', { median: a.withdrawalDaysMedian, max: a.withdrawalDaysMax ?? 0 })),
    ],
  ]);

  const versions = report.textVersions.length
    ? report.textVersions
        .map(
          (version) => `<h3>${h(t('version', { version: version.version }))}</h3>
<p>${h(t('versionUse', { letters: version.letters, from: date(version.firstSent), to: date(version.lastSent), consents: version.consents }))}</p>
${
  version.wording
    ? `<div class="wording">${version.wording
        .map((part) =>
          part.kind === 'heading' ? `<p><strong>${h(part.text)}</strong></p>` : `<p class="${part.kind}">${h(part.text)}</p>`,
        )
        .join('')}</div>`
    : `<p>${h(t('wordingNotKept'))}</p>`
}`,
        )
        .join('')
    : `<p>${h(t('noVersions'))}</p>`;

  const phones = report.phones.length
    ? report.phones
        .map(
          (phone) => `<h3>${h(`${phone.name} (${label(`phones.platforms.${phone.platform}`)})`)}${
            phone.retiredAt ? ` – ${h(t('retired', { date: formatDate(localDateOf(phone.retiredAt), language) }))}` : ''
          }</h3>
<p>${h([phone.number, phone.usedBy && translate(language, 'phones.usedBy', { name: phone.usedBy })].filter(Boolean).join(' · '))}</p>
${table(
  [t('checkItem'), t('checkedOn'), t('checkedBy'), t('state')],
  phone.checklist.map((entry) => [
    h(label(`phones.items.${entry.item}.title`)),
    h(date(entry.checkedOn)),
    h(entry.checkedBy ?? '–'),
    h(entry.due ? t('due') : t('ok')),
  ]),
)}
<p>${h(
            phone.lastPhoneBookCheck
              ? t('phoneBookCheck', {
                  date: formatDateTime(phone.lastPhoneBookCheck.checkedAt, language),
                  numbers: phone.lastPhoneBookCheck.numbers,
                  ok: phone.lastPhoneBookCheck.ok,
                  withoutConsent: phone.lastPhoneBookCheck.withoutConsent,
                  unknown: phone.lastPhoneBookCheck.unknown,
                })
              : t('noPhoneBookCheck'),
          )}</p>`,
        )
        .join('')
    : `<p>${h(t('noPhones'))}</p>`;

  const erasures = facts([
    [t('erasedOnRequest'), number(report.erasures.onRequest)],
    [t('erasedFromBin'), number(report.erasures.fromBin)],
    [t('erasureDays'), h(report.erasures.days.map(date).join(', ') || '–')],
    [t('accessAnswered'), number(report.accessRequests.answered)],
    [t('accessDays'), h(report.accessRequests.days.map(date).join(', ') || '–')],
  ]);

  const annex = report.annex.length
    ? table(
        [t('name'), t('purposes'), t('givenAt'), t('textVersion'), t('evidence')],
        report.annex.map((entry) => [
          h(entry.name),
          h(entry.purposes.map((purpose) => label(`tracking.purposes.${purpose}`)).join(', ')),
          h(date(entry.givenAt)),
          h(entry.textVersion),
          h(entry.evidence),
        ]),
      )
    : `<p>${h(t('noConsents'))}</p>`;

  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${h(t('title'))}</title><style>${css}</style></head><body>
<h1>${h(t('title'))}</h1>
<p class="meta">${h(t('meta', { business: c.name, date: date(report.date), generated: formatDateTime(report.generatedAt, language) }))}</p>
<p>${h(t('intro'))}</p>
<h2>1. ${h(t('processingTitle'))}</h2>
${processing}
<h2>2. ${h(t('countsTitle'))}</h2>
${counts}
<h2>3. ${h(t('answersTitle'))}</h2>
${answers}
<h2>4. ${h(t('versionsTitle'))}</h2>
${versions}
<h2>5. ${h(t('phonesTitle'))}</h2>
${phones}
<h2>6. ${h(t('erasuresTitle'))}</h2>
${erasures}
<section class="annex">
<h2>${h(t('annexTitle'))}</h2>
<p>${h(t('annexIntro', { count: report.annex.length }))}</p>
${annex}
</section>
</body></html>`;
}
