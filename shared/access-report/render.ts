import { translate } from '../i18n';
import { controllerName } from '../letters/din-letter';
import { escapeHtml as h } from '../letters/html';
import { formatDate, formatDateTime } from '../local-date';
import { formalKey, type Contact } from '../model/contact';
import { labelInWords } from '../model/labels';
import type { AccessReport } from './schema';

/** The contact's own fields in the order the report lists them, with how each value reads. */
const contactFields = [
  'displayName',
  'title',
  'givenName',
  'familyName',
  'gender',
  'organization',
  'department',
  'jobTitle',
  'isCompany',
  'customerNumber',
  'birthday',
  'note',
  'kind',
  'language',
  'formal',
  'minor',
  'tags',
  'onWhatsapp',
  'whatsappLastMessageAt',
] as const satisfies readonly (keyof Contact)[];

/** Where the contact stands on the way off WhatsApp. */
const wayFields = [
  'stage',
  'stageChangedAt',
  'target',
  'messenger',
  'messengerId',
  'invitedAt',
  'invitedChannel',
  'switchedAt',
  'letterSentAt',
  'letterVersion',
] as const satisfies readonly (keyof Contact)[];

/** The kinds of scan the app keeps (services/evidence.ts), by name. */
const fileTypes: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

const dateFields = new Set<string>(['birthday', 'whatsappLastMessageAt', 'stageChangedAt', 'invitedAt', 'switchedAt', 'letterSentAt']);
const namedValues: Record<string, string> = {
  gender: 'tracking.genders',
  kind: 'contacts.kinds',
  language: 'contacts.languages',
  stage: 'tracking.stages',
  target: 'tracking.targets',
  messenger: 'tracking.targets',
  invitedChannel: 'tracking.channels',
};

/**
 * The access report as an A4 document to print to PDF (GDPR Art. 15): the controller with its
 * address, then every stored value of the person, their consents with text version and proof, the
 * files they came from, the whole history, and the information Art. 15(1) and (2) require. Every
 * value is escaped: a name such as "Müller & <Söhne>" is printed, never interpreted.
 */
export function renderAccessReport(report: AccessReport): string {
  const { language, contact } = report;
  const t = (key: string, vars?: Record<string, string | number>) => translate(language, `accessReport.${key}`, vars);
  // The history's labels, and the report's own where the history has none.
  const field = (name: string) => (name === 'stageChangedAt' ? t('fields.stageChangedAt') : translate(language, `tracking.fields.${name}`));
  const none = t('none');
  // "cell" as the file wrote it reads "Mobil" (the JSON beside the PDF keeps what is stored).
  const label = (stored: string | null) => labelInWords(stored, (key) => translate(language, key));
  const value = (name: string, raw: unknown): string => {
    if (name === 'formal') return translate(language, `contacts.formal.${formalKey(raw as boolean | null)}`);
    if (raw === null || raw === undefined || raw === '') return '';
    if (typeof raw === 'boolean') return translate(language, raw ? 'tracking.yes' : 'tracking.no');
    if (Array.isArray(raw)) return raw.join(', ');
    if (namedValues[name]) return translate(language, `${namedValues[name]}.${String(raw)}`);
    if (dateFields.has(name)) return formatDate(String(raw), language);
    return String(raw);
  };
  const rows = (names: readonly (keyof Contact)[]) =>
    names
      .map((name) => [name, value(name, contact[name])] as const)
      .filter(([, text]) => text !== '')
      .map(([name, text]) => `<tr><th>${h(field(name))}</th><td>${h(text)}</td></tr>`)
      .join('');
  /** A table of rows; `classes` per column (`nowrap` for dates, `hash` for a checksum). */
  const table = (head: string[], body: string[][], classes: string[] = []) => {
    const cls = (index: number) => (classes[index] ? ` class="${classes[index]}"` : '');
    return body.length === 0
      ? `<p class="none">${h(none)}</p>`
      : `<table class="list"><thead><tr>${head.map((cell, index) => `<th${cls(index)}>${h(cell)}</th>`).join('')}</tr></thead><tbody>${body
          .map((row) => `<tr>${row.map((cell, index) => `<td${cls(index)}>${h(cell)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  };
  const section = (title: string, content: string) => `<section><h2>${h(title)}</h2>${content}</section>`;
  const paragraphs = (list: string[]) => list.map((text) => `<p>${h(text)}</p>`).join('');

  const c = report.controller;
  const controller = [
    controllerName({ name: c.name, legalForm: '' }),
    c.representative ? t('representedBy', { name: c.representative }) : '',
    c.street,
    [c.postalCode, c.city].filter(Boolean).join(' '),
    [c.phone, c.email].filter(Boolean).join(' · '),
    c.privacyUrl,
    c.dpo ? t('dpo', { name: c.dpo.name, contact: [c.dpo.email, c.dpo.address].filter(Boolean).join(', ') }) : '',
  ].filter(Boolean);

  const phones = table(
    [t('columns.number'), t('columns.international'), t('columns.label'), t('columns.type')],
    contact.phones.map((phone) => [phone.raw, phone.e164 ?? '', label(phone.label), t(`phoneKinds.${phone.kind}`)]),
  );
  const emails = table(
    [t('columns.email'), t('columns.label')],
    contact.emails.map((email) => [email.valid ? email.address : `${email.address} (${t('notAnAddress')})`, label(email.label)]),
  );
  const addresses = table(
    [t('columns.address'), t('columns.label')],
    contact.addresses.map((address) => [
      [address.street, [address.postalCode, address.city].filter(Boolean).join(' '), address.region, address.country]
        .filter(Boolean)
        .join(', '),
      label(address.label),
    ]),
  );
  const consents = table(
    [field('purposes'), field('givenAt'), field('textVersion'), field('method'), field('evidence'), field('withdrawnAt')],
    report.consents.map((consent) => [
      translate(language, `tracking.purposes.${consent.purpose}`),
      formatDate(consent.givenAt, language),
      consent.textVersion,
      translate(language, `tracking.methods.${consent.method}`),
      consent.evidence ? consent.evidence.fileName : t('noScan', { note: consent.evidenceNote ?? '' }),
      formatDate(consent.withdrawnAt, language),
    ]),
    ['', 'nowrap', 'nowrap', '', '', 'nowrap'],
  );
  const evidence = table(
    [t('columns.file'), t('columns.type'), t('columns.size'), t('columns.uploaded'), 'SHA-256'],
    report.evidence.map((file) => [
      file.fileName,
      fileTypes[file.mime] ?? file.mime,
      t('kilobytes', { size: Math.max(1, Math.round(file.size / 1024)) }),
      formatDateTime(file.uploadedAt, language),
      file.sha256,
    ]),
    ['', 'nowrap', 'nowrap', 'nowrap', 'hash'],
  );
  const history =
    report.history.length === 0
      ? `<p class="none">${h(none)}</p>`
      : `<table class="list history"><thead><tr><th>${h(t('columns.when'))}</th><th>${h(t('columns.what'))}</th></tr></thead><tbody>${report.history
          .map(
            (entry) =>
              `<tr><td class="when">${h(formatDateTime(entry.at, language))}</td><td>${h(entry.text)}${
                entry.changes.length
                  ? `<ul>${entry.changes
                      .map((change) => `<li>${h(change.field)}: ${h(change.before ?? '–')} → ${h(change.after ?? '–')}</li>`)
                      .join('')}</ul>`
                  : ''
              }</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const imports = table(
    [t('columns.file'), t('columns.imported'), t('columns.effect')],
    report.imports.map((record) => [record.fileName, formatDateTime(record.importedAt, language), t(`effects.${record.effect}`)]),
    ['', 'nowrap', ''],
  );
  const merged = report.mergedRecords
    .map(
      (record) =>
        `<p>${h(
          t('mergedRecord', {
            name: record.contact.displayName,
            date: formatDate(record.deletedAt, language),
            erased: formatDate(record.erasedBy, language),
          }),
        )}</p><table class="fields">${[
          [field('phones'), record.contact.phones.map((phone) => phone.raw).join(', ')],
          [field('emails'), record.contact.emails.map((email) => email.address).join(', ')],
          [
            field('addresses'),
            record.contact.addresses
              .map((address) => [address.street, [address.postalCode, address.city].filter(Boolean).join(' ')].filter(Boolean).join(', '))
              .join('; '),
          ],
          [field('note'), record.contact.note ?? ''],
        ]
          .filter(([, text]) => text)
          .map(([label, text]) => `<tr><th>${h(label!)}</th><td>${h(text!)}</td></tr>`)
          .join('')}</table>`,
    )
    .join('');
  const info = report.information;

  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${h(t('title'))} – ${h(contact.displayName)}</title>
<style>
  @page { size: A4; margin: 20mm 20mm 18mm 25mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.35; color: #000; }
  header { display: flex; justify-content: space-between; gap: 10mm; border-bottom: 0.3mm solid #000; padding-bottom: 3mm; }
  .controller { font-size: 9pt; }
  .controller strong { font-size: 10.5pt; }
  h1 { font-size: 15pt; margin: 6mm 0 1mm; }
  h2 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
  h3 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
  p { margin: 0 0 2mm; }
  .subject { font-size: 11pt; margin-bottom: 1mm; }
  .none { font-style: italic; }
  table { border-collapse: collapse; width: 100%; }
  table.fields th { text-align: left; font-weight: normal; color: #333; width: 55mm; vertical-align: top; padding: 0.6mm 2mm 0.6mm 0; }
  table.fields td { padding: 0.6mm 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  table.list th, table.list td { border: 0.2mm solid #888; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: break-word; }
  table.list th { background: #eee; font-weight: bold; }
  table.history td.when { white-space: nowrap; width: 34mm; }
  .nowrap { white-space: nowrap; }
  table.list td.hash { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
  tr { break-inside: avoid; }
  ul { margin: 1mm 0 0; padding-left: 5mm; }
  .information p { margin-bottom: 1.5mm; }
</style>
</head>
<body>
<header>
  <div class="controller"><strong>${h(controller[0] ?? '')}</strong><br>${controller.slice(1).map(h).join('<br>')}</div>
  <div class="controller">${h(t('controllerLabel'))}</div>
</header>
<h1>${h(t('title'))}</h1>
<p class="subject">${h(t('about', { name: contact.displayName, id: contact.id }))}</p>
<p>${h(t('created', { date: formatDateTime(report.createdAt, language) }))}</p>
<p>${h(t('intro'))}</p>
${section(t('sections.details'), `<table class="fields">${rows(contactFields)}</table>`)}
${section(t('sections.phones'), phones)}
${section(t('sections.emails'), emails)}
${section(t('sections.addresses'), addresses)}
${report.mergedRecords.length ? section(t('sections.merged'), merged) : ''}
${section(t('sections.way'), `<table class="fields">${rows(wayFields)}</table>`)}
${section(t('sections.consents'), consents)}
${section(t('sections.evidence'), `${evidence}${report.evidence.length ? `<p>${h(t('evidenceCopies'))}</p>` : ''}`)}
${section(t('sections.imports'), imports)}
${section(t('sections.history'), history)}
<section class="information"><h2>${h(t('sections.information'))}</h2>
<h3>${h(t('info.purposesHeading'))}</h3>${paragraphs(info.purposes)}
<h3>${h(t('info.legalBasesHeading'))}</h3>${paragraphs(info.legalBases)}
<h3>${h(t('info.recipientsHeading'))}</h3>${paragraphs(info.recipients)}
<h3>${h(t('info.storageHeading'))}</h3>${paragraphs(info.storage)}
<h3>${h(t('info.rightsHeading'))}</h3>${paragraphs(info.rights)}
<h3>${h(t('info.sourceHeading'))}</h3>${paragraphs(info.source)}
<h3>${h(t('info.automatedHeading'))}</h3>${paragraphs([info.automatedDecisions])}
</section>
</body>
</html>
`;
}
