// The accountability report (Rechenschaftsbericht, Art. 5(2) and 30 GDPR): built from the overview's
// own queries (dashboard.ts) where it describes today, and from the history where it looks back.
import { type ConsentTextSnapshot, consentFormWording } from '../../shared/letters/consent-text-version';
import { controllerName } from '../../shared/letters/din-letter';
import { dateParts, daysBetween, localDate, localDateOf } from '../../shared/local-date';
import { contactKinds } from '../../shared/model/contact';
import type { AccountabilityReport } from '../../shared/model/report';
import { purposes, stages, targets, type Purpose } from '../../shared/model/tracking';
import { accountabilityReportHtml } from '../../shared/report/accountability-report';
import { translate } from '../../shared/i18n';
import { printOnce } from '../printing/printer';
import type { ServiceContext } from './context';
import { dashboard } from './dashboard';
import { listPhones } from './phones';
import { getProfile } from './profile';
import { messageLanguage } from './settings';

/** The first moment after the office's local day `day`, in UTC (history times are UTC moments). */
function endOfDay(day: string): string {
  const parts = dateParts(day)!;
  return new Date(parts.year, parts.month - 1, parts.day + 1).toISOString();
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * Every figure of the report at the end of `day`. For today or a later day the counts per stage and
 * target are the overview's (dashboard.ts, the same queries); for an earlier day they are replayed
 * from the history, as the overview's chart is.
 */
export function accountabilityReport(ctx: ServiceContext, day: string, now = new Date()): AccountabilityReport {
  const end = endOfDay(day);
  const language = messageLanguage(ctx);
  const profile = getProfile(ctx);
  const overview = dashboard(ctx);
  const current = day >= localDate(now);
  const rows = ctx.repos.report.validConsents(day);

  const annex = new Map<number, AccountabilityReport['annex'][number]>();
  for (const row of rows) {
    const entry = annex.get(row.contactId) ?? {
      contactId: row.contactId,
      name: row.name,
      purposes: [],
      givenAt: row.givenAt,
      textVersion: row.textVersion,
      evidence: '',
    };
    if (!entry.purposes.includes(row.purpose)) entry.purposes.push(row.purpose);
    if (!entry.textVersion.split(', ').includes(row.textVersion)) entry.textVersion += `, ${row.textVersion}`;
    const proof = row.evidenceId !== null ? translate(language, 'report.scan', { id: row.evidenceId }) : (row.evidenceNote ?? '');
    if (proof && !entry.evidence.split('; ').includes(proof)) entry.evidence = entry.evidence ? `${entry.evidence}; ${proof}` : proof;
    annex.set(row.contactId, entry);
  }
  const byPurpose = zeros(purposes);
  for (const entry of annex.values()) for (const purpose of entry.purposes) byPurpose[purpose as Purpose] += 1;

  const byStage = current ? overview.byStage : { ...zeros(stages), ...Object.fromEntries(ctx.repos.report.stagesBefore(end)) };
  const byTarget = current
    ? overview.byTarget
    : { ...zeros([...targets, 'none' as const]), ...Object.fromEntries(ctx.repos.report.targetsBefore(end)) };
  const contacts = current ? overview.total : Object.values(byStage).reduce((sum, n) => sum + n, 0);

  const letters = ctx.repos.report.consentLettersByVersion(end);
  const consentsByVersion = ctx.repos.report.consentsByVersion(day);
  const versions = [...new Set([...letters.map((entry) => entry.version), ...consentsByVersion.map((entry) => entry.version)])];
  const wordings = ctx.repos.consentTexts.wordings(versions);
  const textVersions = versions.map((version) => {
    const sent = letters.find((entry) => entry.version === version);
    const wording = wordings.get(version);
    return {
      version,
      letters: sent?.letters ?? 0,
      firstSent: sent ? localDateOf(sent.firstAt) : null,
      lastSent: sent ? localDateOf(sent.lastAt) : null,
      consents: consentsByVersion.find((entry) => entry.version === version)?.contacts ?? 0,
      wording: wording ? consentFormWording(JSON.parse(wording) as ConsentTextSnapshot, language) : null,
    };
  });

  const withdrawalDays = ctx.repos.report
    .withdrawalsBefore(end)
    .map((entry) => Math.max(0, daysBetween(entry.withdrawnAt, localDateOf(entry.recordedAt)!)));
  const erasures = ctx.repos.report.erasuresBefore(end);
  const accessReports = ctx.repos.report.accessReportsBefore(end);
  const kinds = ctx.repos.report.byKind();

  return {
    date: day,
    generatedAt: now.toISOString(),
    controller: {
      name: controllerName(profile),
      representative: profile.representative,
      address: [profile.street, `${profile.postalCode} ${profile.city}`.trim()].filter(Boolean).join(', '),
      phone: profile.phone,
      email: profile.email,
      dpo: profile.dpo?.name ? [profile.dpo.name, profile.dpo.address, profile.dpo.email].filter(Boolean).join(', ') : null,
      whatsappNumber: profile.whatsappNumber,
      privacyUrl: profile.privacyUrl,
      retention: language === 'en' ? profile.retentionEn || profile.retention : profile.retention,
    },
    purposesAsked: profile.purposes,
    contacts,
    byKind: Object.fromEntries(contactKinds.map((kind) => [kind, kinds.get(kind) ?? 0])) as AccountabilityReport['byKind'],
    byStage,
    byTarget,
    // One definition for the figure and the annex: a consent given by the day and not withdrawn by then.
    consentsValid: annex.size,
    byPurpose,
    progress: overview.progress.filter((week) => week.week <= day),
    textVersions,
    letters: {
      consentLetters: letters.reduce((sum, entry) => sum + entry.letters, 0),
      invitationLetters: ctx.repos.report.invitationLetters(end),
    },
    answers: {
      consentsReceived: ctx.repos.report.consentsReceived(day),
      refused: ctx.repos.report.refusedBefore(end),
      withdrawn: withdrawalDays.length,
      withdrawalDaysMedian: median(withdrawalDays),
      withdrawalDaysMax: withdrawalDays.length ? Math.max(...withdrawalDays) : null,
    },
    // Every phone that was there by the day, also one retired since: what was checked on it is the record.
    phones: listPhones(ctx, now, true).filter((phone) => phone.createdAt < end),
    erasures: {
      onRequest: erasures.filter((entry) => !entry.fromBin).length,
      fromBin: erasures.filter((entry) => entry.fromBin).length,
      days: [...new Set(erasures.map((entry) => entry.erasedOn))],
    },
    accessRequests: {
      answered: accessReports.length,
      days: [...new Set(accessReports.map((moment) => localDateOf(moment)!))],
    },
    annex: [...annex.values()],
  };
}

/** The report as a PDF (German, or English when the interface is), printed by Chromium like the letters. */
export async function accountabilityReportPdf(ctx: ServiceContext, day: string, now = new Date()) {
  const report = accountabilityReport(ctx, day, now);
  const pdf = await printOnce(ctx.openPrinter, accountabilityReportHtml(report, messageLanguage(ctx)));
  return { fileName: `Rechenschaftsbericht-${day}.pdf`, data: Buffer.from(pdf).toString('base64'), report };
}
