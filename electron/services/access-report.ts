import { accessInformation } from '../../shared/access-report/information';
import { renderAccessReport } from '../../shared/access-report/render';
import { accessReportSchema, type AccessReport } from '../../shared/access-report/schema';
import { controllerName } from '../../shared/letters/din-letter';
import { translate } from '../../shared/i18n';
import { localDate, localDateOf } from '../../shared/local-date';
import { contactSchema } from '../../shared/model/contact';
import { printOnce } from '../printing/printer';
import { historyView } from './contact-detail';
import type { ServiceContext } from './context';
import { binPurgeDay, DELETED_CONTACTS_KEPT_DAYS } from './erasure';
import { WITHDRAWN_CONSENT_PROOF_YEARS } from '../../shared/model/erasure';
import { getProfile } from './profile';
import { messageLanguage } from './settings';
import { requireContact } from './tracking';

/**
 * Everything stored about one contact, with the information GDPR Art. 15 requires (a request for
 * access, "Auskunft"): every field, number, e-mail and address, the stage, each consent with its
 * text version and proof, the scans, the whole history, and the imported files that brought or
 * changed the contact. In the language of the settings (or the CLI's). Checked against its schema,
 * so the JSON holds exactly what the schema names.
 */
export function accessReportData(ctx: ServiceContext, id: number, now = new Date()): AccessReport {
  const contact = requireContact(ctx, id);
  const language = messageLanguage(ctx);
  const profile = getProfile(ctx);
  const consents = ctx.repos.tracking.consents(id);
  const evidence = ctx.repos.tracking.evidenceDetails([...new Set(consents.flatMap((c) => (c.evidenceId ? [c.evidenceId] : [])))]);
  const evidenceById = new Map(evidence.map((file) => [file.id, file]));
  const imported = ctx.repos.imports.historyOf(id);
  const imports: AccessReport['imports'] = [
    ...(imported.created ? [{ record: imported.created, effect: 'created' as const }] : []),
    ...imported.updates.map((update) => ({ record: update.record, effect: 'updated' as const })),
  ].map(({ record, effect }) => ({
    id: record.id,
    fileName: record.fileName,
    format: record.format,
    importedAt: record.importedAt,
    effect,
  }));
  const merged = ctx.repos.contacts.mergedIntoInBin(id);
  const mergedContacts = new Map(ctx.repos.contacts.byIdsIncludingBin(merged.map((record) => record.id)).map((one) => [one.id, one]));
  const mergedRecords = merged.flatMap((record) => {
    const one = mergedContacts.get(record.id);
    if (!one) return [];
    return [{ contact: contactSchema.parse(one), deletedAt: record.deletedAt, erasedBy: binPurgeDay(record.deletedAt) }];
  });
  const reportConsents = consents.map((consent) => {
    const file = consent.evidenceId ? evidenceById.get(consent.evidenceId) : undefined;
    return {
      id: consent.id,
      purpose: consent.purpose,
      givenAt: consent.givenAt,
      textVersion: consent.textVersion,
      method: consent.method,
      evidence: file ? { id: file.id, fileName: file.fileName, mime: file.mime, size: file.size } : null,
      evidenceNote: consent.evidenceNote,
      withdrawnAt: consent.withdrawnAt,
      recordedAt: consent.recordedAt,
    };
  });
  return accessReportSchema.parse({
    kind: 'umzugshelfer.accessReport',
    version: 1,
    createdAt: now.toISOString(),
    language,
    controller: {
      name: controllerName(profile),
      representative: profile.representative,
      street: profile.street,
      postalCode: profile.postalCode,
      city: profile.city,
      phone: profile.phone,
      email: profile.email,
      privacyUrl: profile.privacyUrl,
      dpo: profile.dpo,
    },
    contact: contactSchema.parse(contact),
    mergedRecords,
    consents: reportConsents,
    evidence,
    history: historyView(ctx, contact, language),
    imports,
    information: accessInformation({
      language,
      profile,
      contact,
      consents: reportConsents,
      imports,
      binDays: DELETED_CONTACTS_KEPT_DAYS,
      proofYears: WITHDRAWN_CONSENT_PROOF_YEARS,
    }),
  } satisfies AccessReport);
}

/** A name as part of a file name: no path separators, no characters Windows refuses, not too long. */
const fileNamePart = (text: string): string =>
  text
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/^\.+/, '');

/**
 * The request answered, on record once the file exists: in the person's history each time, and counted
 * without a name for the accountability report (a count that outlives an erasure) once per person and
 * day, however many forms (PDF, JSON) they were given.
 */
function recordAccessReport(ctx: ServiceContext, id: number, format: 'pdf' | 'json', now: Date): void {
  const today = localDate(now);
  const answeredToday = ctx.repos.tracking.history(id).some((entry) => entry.kind === 'accessReport' && localDateOf(entry.at) === today);
  ctx.repos.transaction(() => {
    if (!answeredToday) ctx.repos.report.recordAccessReport(format);
    ctx.repos.tracking.addHistory({ contactId: id, kind: 'accessReport', before: null, after: { format } });
  });
}

/**
 * The access report as a file to hand to the person: the PDF (printed by Chromium, A4), or the same
 * data as JSON (the machine-readable copy). Each one produced is recorded (see below).
 */
export async function accessReportFile(
  ctx: ServiceContext,
  id: number,
  format: 'pdf' | 'json',
  now = new Date(),
): Promise<{ fileName: string; mime: string; data: string }> {
  const report = accessReportData(ctx, id, now);
  const base = translate(report.language, 'accessReport.fileName', {
    name: fileNamePart(report.contact.displayName) || String(id),
    date: localDate(now),
  });
  const file =
    format === 'json'
      ? { fileName: `${base}.json`, mime: 'application/json', data: Buffer.from(`${JSON.stringify(report, null, 2)}\n`).toString('base64') }
      : {
          fileName: `${base}.pdf`,
          mime: 'application/pdf',
          data: Buffer.from(await printOnce(ctx.openPrinter, renderAccessReport(report))).toString('base64'),
        };
  recordAccessReport(ctx, id, format, now);
  return file;
}
