import { displayNumber } from '../../shared/phone';
// "Handy-Abgleich": a business phone's exported address book compared with the consent record.
import { translate } from '../../shared/i18n';
import { localDate } from '../../shared/local-date';
import { deletionListHtml } from '../../shared/phones/deletion-list';
import type { PhoneBookCheck, PhoneBookEntry } from '../../shared/model/phones';
import { AppError } from '../db/errors';
import type { NumberOwner } from '../db/repositories/phones';
import type { CandidateContact } from '../importers/normalize';
import { readImportFileIsolated } from '../importers/read-isolated';
import type { ByteSource } from '../importers/source';
import { printOnce } from '../printing/printer';
import type { ServiceContext } from './context';
import { getSettings, messageLanguage } from './settings';

/** One entry of the phone's address book: its name and numbers as read (e164 null: no phone number). */
export interface PhoneBookCard {
  name: string;
  numbers: { e164: string | null; raw: string }[];
}

const byName = (a: PhoneBookEntry, b: PhoneBookEntry) => a.name.localeCompare(b.name, 'de') || (a.e164 ?? '').localeCompare(b.e164 ?? '');

/**
 * Compares the numbers on the phone with the contacts in the list (pure: the tests' subject). Each
 * number counts once however many entries of the phone hold it (`duplicates` says how many did). A
 * number belongs to the contacts that have it; it is fine when one of them has a valid consent (the
 * consent is to that person's number being on the phone). A consented contact is missing when none of
 * its numbers is on the phone.
 */
/** A listed number: international for matching, and as the office reads it (only the listed ones are formatted). */
const numberOf = (number: { e164: string | null; raw: string }) => ({ e164: number.e164, shown: displayNumber(number.e164, number.raw) });

export function comparePhoneBook(cards: Iterable<PhoneBookCard>, owners: NumberOwner[], checkedAt: string): PhoneBookCheck {
  const ownersOf = new Map<string, NumberOwner[]>();
  for (const owner of owners) ownersOf.set(owner.e164, [...(ownersOf.get(owner.e164) ?? []), owner]);
  const seen = new Set<string>();
  let duplicates = 0;
  let ok = 0;
  const withoutConsent: PhoneBookEntry[] = [];
  const unknown: PhoneBookEntry[] = [];
  const onPhone = new Set<number>();
  for (const card of cards) {
    for (const number of card.numbers) {
      const key = number.e164 ?? `raw:${number.raw}`;
      if (seen.has(key)) {
        duplicates += 1;
        continue;
      }
      seen.add(key);
      const found = number.e164 ? (ownersOf.get(number.e164) ?? []) : [];
      for (const owner of found) onPhone.add(owner.contactId);
      const consented = found.find((owner) => owner.consented);
      if (consented) ok += 1;
      else if (found[0])
        withoutConsent.push({ name: found[0].displayName, nameOnPhone: card.name, ...numberOf(number), contactId: found[0].contactId });
      else unknown.push({ name: card.name, nameOnPhone: card.name, ...numberOf(number), contactId: null });
    }
  }
  const missing = new Map<number, PhoneBookEntry>();
  for (const owner of owners) {
    if (owner.consented && !onPhone.has(owner.contactId) && !missing.has(owner.contactId))
      missing.set(owner.contactId, {
        name: owner.displayName,
        nameOnPhone: null,
        ...numberOf({ e164: owner.e164, raw: owner.e164 }),
        contactId: owner.contactId,
      });
  }
  return {
    checkedAt,
    numbers: seen.size,
    ok,
    withoutConsent: withoutConsent.sort(byName),
    consentedMissing: [...missing.values()].sort(byName),
    unknown: unknown.sort(byName),
    duplicates,
  };
}

const cardOf = (candidate: CandidateContact): PhoneBookCard => ({
  name: candidate.displayName,
  numbers: candidate.phones.map((phone) => ({ e164: phone.e164, raw: phone.raw })),
});

/**
 * Reads the phone's exported address book (a vCard from Android's Contacts app or iCloud; a CSV or
 * Excel list is read too) in the import's reader, with its limits and off the main thread, and
 * compares it. Nothing is imported; only the counts are stored, with the day and the phone, for
 * the accountability report — the phone's address book itself is never kept.
 */
export async function checkPhoneBook(
  ctx: ServiceContext,
  source: ByteSource,
  phoneId: number | null,
  now = new Date(),
): Promise<PhoneBookCheck> {
  if (phoneId !== null && !ctx.repos.phones.get(phoneId)) throw new AppError('not_found', 'phones.errors.notFound');
  const cards: PhoneBookCard[] = [];
  const reading = await readImportFileIsolated(source, {
    region: getSettings(ctx).defaultRegion,
    rememberedMappings: ctx.repos.imports.mappings(),
    onCandidate: (candidate) => {
      if (!candidate.invalidReason) cards.push(cardOf(candidate));
    },
  });
  reading.candidates.close();
  const language = messageLanguage(ctx);
  if (reading.rejected) {
    const issue = reading.issues.at(-1);
    const reason = issue ? translate(language, `import.issues.${issue.key}`, { file: source.name, ...issue.vars }) : '';
    throw new AppError('invalid_input', 'phones.errors.unreadable', { file: source.name, reason });
  }
  if (reading.chat) throw new AppError('invalid_input', 'phones.errors.notAnAddressBook', { file: source.name });
  const result = comparePhoneBook(cards, ctx.repos.phones.numberOwners(), now.toISOString());
  ctx.repos.phones.recordPhoneBookCheck({
    phoneId,
    checkedAt: result.checkedAt,
    numbers: result.numbers,
    ok: result.ok,
    withoutConsent: result.withoutConsent.length,
    consentedMissing: result.consentedMissing.length,
    unknown: result.unknown.length,
  });
  return result;
}

/** The entries to delete from the phone as a printable list (PDF), named with the phone and the day. */
export async function deletionListPdf(ctx: ServiceContext, phoneId: number | null, entries: PhoneBookEntry[], now = new Date()) {
  const phone = phoneId === null ? null : ctx.repos.phones.get(phoneId);
  if (phoneId !== null && !phone) throw new AppError('not_found', 'phones.errors.notFound');
  const today = localDate(now);
  const html = deletionListHtml({ phone: phone?.name ?? null, entries, today, language: messageLanguage(ctx) });
  const pdf = await printOnce(ctx.openPrinter, html);
  const fileName = `Loeschliste-${(phone?.name ?? 'Firmenhandy').replace(/[^\p{L}\p{N}]+/gu, '-')}-${today}.pdf`;
  return { fileName, data: Buffer.from(pdf).toString('base64') };
}
