import { translate } from '../../shared/i18n';
import { consentTextVersion } from '../../shared/letters/consent-letter';
import type { Contact, Selection } from '../../shared/model/contact';
import type { Language } from '../../shared/model/settings';
import { canTransition, type ConsentMethod, type Purpose } from '../../shared/model/tracking';
import type { ContactFields } from '../db/repositories/contacts';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { storeEvidence } from './evidence';
import { getProfile } from './profile';
import { getSettings } from './settings';
import { changeContact, requireContact, selectionIds, type BulkResult } from './tracking';

/**
 * Consent is recorded only with its proof (issue 12): the purposes ticked, the day it was given, the
 * version of the text consented to, and either a scan of the signed form or the stated reason why
 * there is none ("mündlich am Telefon, Notiz"), in which case the signed form counts as missing.
 */
export type ConsentEvidence = { kind: 'scan'; fileName: string; data: Buffer } | { kind: 'note'; note: string };

export interface ConsentInput {
  purposes: Purpose[];
  givenAt: string;
  /** The version of the text consented to; left out, each contact's last letter (else today's text). */
  textVersion?: string | null;
  method: ConsentMethod;
  evidence: ConsentEvidence;
}

const now = (): string => new Date().toISOString();

/** The version a contact consented to when nobody says otherwise: their last letter's, else the current text's. */
export const defaultTextVersion = (contact: Pick<Contact, 'letterVersion'>, currentVersion: string): string => contact.letterVersion ?? currentVersion;

/** What the consent form offers for a selection: how many can consent, who cannot and why, the text versions. */
export interface ConsentPreparation {
  count: number;
  /** Contacts who can be recorded as consenting (their stage allows it). */
  possible: number;
  /** Those who cannot, with the reason in words (the first few). */
  refused: string[];
  /** The versions of the letters last sent to the selection, most frequent first; `null`: no letter sent. */
  letterVersions: { version: string | null; count: number }[];
  /** The version of the consent text as the profile stands now. */
  currentVersion: string;
}

/** A number WhatsApp can run on: a mobile, or one the numbering plan cannot tell from a mobile. */
export const hasMessagingNumber = (contact: Pick<Contact, 'phones'>): boolean => contact.phones.some((phone) => phone.e164 !== null && (phone.kind === 'mobile' || phone.kind === 'other'));

/** Why a contact cannot consent to WhatsApp now, in words; null when they can. */
function refusalOf(language: Language, contact: Contact): string | null {
  if (contact.stage !== 'consent_given' && !canTransition(contact.stage, 'consent_given')) {
    return translate(language, 'tracking.errors.consentNotPossible', { name: contact.displayName, stage: translate(language, `tracking.stages.${contact.stage}`) });
  }
  // A landline cannot be on WhatsApp (DOMAIN.md §2): there is nothing to consent to.
  if (!hasMessagingNumber(contact)) return translate(language, 'tracking.errors.consentNeedsMobile', { name: contact.displayName });
  return null;
}

export function prepareConsents(ctx: ServiceContext, selection: Selection): ConsentPreparation {
  const language = getSettings(ctx).language;
  const contacts = [...ctx.repos.contacts.byIds(selectionIds(ctx, selection)).values()];
  const refused = contacts.map((contact) => refusalOf(language, contact)).filter((reason) => reason !== null);
  const versions = new Map<string | null, number>();
  for (const contact of contacts) versions.set(contact.letterVersion, (versions.get(contact.letterVersion) ?? 0) + 1);
  return {
    count: contacts.length,
    possible: contacts.length - refused.length,
    refused: refused.slice(0, 5),
    letterVersions: [...versions].map(([version, count]) => ({ version, count })).sort((a, b) => b.count - a.count),
    currentVersion: consentTextVersion(getProfile(ctx)),
  };
}

/** The proof in the database: a scan is stored once, whatever the number of contacts it covers. */
function storedEvidence(ctx: ServiceContext, evidence: ConsentEvidence): { evidenceId: number | null; evidenceNote: string | null; shown: Record<string, string> } {
  if (evidence.kind === 'note') {
    const note = evidence.note.trim();
    if (!note) throw new AppError('invalid_input', 'tracking.errors.evidenceMissing');
    return { evidenceId: null, evidenceNote: note, shown: { evidenceNote: note } };
  }
  const stored = storeEvidence(ctx, evidence.fileName, evidence.data);
  return { evidenceId: stored.id, evidenceNote: null, shown: { evidence: stored.fileName } };
}

/** One contact's consent, inside the caller's transaction; one history entry says all of it. */
function addConsents(ctx: ServiceContext, contact: Contact, input: ConsentInput, proof: ReturnType<typeof storedEvidence>, textVersion: string, operationId: number | null): void {
  const consentIds = input.purposes.map((purpose) =>
    ctx.repos.tracking.addConsent({ contactId: contact.id, purpose, givenAt: input.givenAt, textVersion, method: input.method, evidenceId: proof.evidenceId, evidenceNote: proof.evidenceNote }),
  );
  const fields: Partial<ContactFields> = contact.stage === 'consent_given' ? {} : { stage: 'consent_given', stageChangedAt: now() };
  if (!contact.target) fields.target = 'whatsapp_consent';
  changeContact(ctx, contact, fields, 'consent', operationId, {
    after: { purposes: input.purposes, givenAt: input.givenAt, textVersion, method: input.method, ...proof.shown, consentIds },
  });
}

const checkPurposes = (purposes: Purpose[]) => {
  if (purposes.length === 0) throw new AppError('invalid_input', 'tracking.errors.purposeRequired');
};

/**
 * Records a consent per purpose with the text version and its proof, and moves the contact to
 * "consent given". Refused for a contact whose stage does not allow it, and without proof.
 */
export function recordConsent(ctx: ServiceContext, id: number, input: ConsentInput): Contact {
  checkPurposes(input.purposes);
  const contact = requireContact(ctx, id);
  const language = getSettings(ctx).language;
  if (refusalOf(language, contact)) {
    if (!hasMessagingNumber(contact) && (contact.stage === 'consent_given' || canTransition(contact.stage, 'consent_given'))) throw new AppError('conflict', 'tracking.errors.consentNeedsMobile', { name: contact.displayName });
    throw new AppError('conflict', 'tracking.errors.consentNotPossible', { name: contact.displayName, stage: translate(language, `tracking.stages.${contact.stage}`) });
  }
  const textVersion = input.textVersion?.trim() || defaultTextVersion(contact, consentTextVersion(getProfile(ctx)));
  ctx.repos.transaction(() => addConsents(ctx, contact, input, storedEvidence(ctx, input.evidence), textVersion, null));
  return requireContact(ctx, id);
}

/**
 * The consent form for several contacts at once (the bulk menu): the same purposes, day and proof for
 * each; the text version, unless given, each contact's own last letter. Contacts whose stage does not
 * allow a consent are left as they are and named. One operation, undone as a whole.
 */
export function recordConsents(ctx: ServiceContext, selection: Selection, input: ConsentInput): BulkResult {
  checkPurposes(input.purposes);
  const language = getSettings(ctx).language;
  const ids = selectionIds(ctx, selection);
  const currentVersion = consentTextVersion(getProfile(ctx));
  return ctx.repos.transaction(() => {
    const operationId = ctx.repos.tracking.createOperation('consent', ids.length);
    const proof = storedEvidence(ctx, input.evidence);
    const contacts = ctx.repos.contacts.byIds(ids);
    const skippedReasons: string[] = [];
    let changed = 0;
    let skipped = 0;
    for (const id of ids) {
      const contact = contacts.get(id);
      if (!contact) continue;
      const refusal = refusalOf(language, contact);
      if (refusal) {
        skipped += 1;
        if (skippedReasons.length < 5) skippedReasons.push(refusal);
        continue;
      }
      addConsents(ctx, contact, input, proof, input.textVersion?.trim() || defaultTextVersion(contact, currentVersion), operationId);
      changed += 1;
    }
    return { operationId, changed, skipped, skippedReasons };
  });
}

/**
 * Withdraws consents (all active ones, or those of the given purposes) with effect from `date`.
 * The records stay, with the withdrawal date; without any active consent left the contact's
 * stage becomes "consent withdrawn".
 */
export function withdrawConsent(ctx: ServiceContext, id: number, input: { purposes?: Purpose[]; date: string }): Contact {
  const contact = requireContact(ctx, id);
  const active = ctx.repos.tracking.consents(id).filter((c) => !c.withdrawnAt && (!input.purposes || input.purposes.includes(c.purpose)));
  if (active.length === 0) throw new AppError('conflict', 'tracking.errors.noActiveConsent', { name: contact.displayName });
  ctx.repos.transaction(() => {
    for (const consent of active) ctx.repos.tracking.withdrawConsent(consent.id, input.date);
    const remaining = ctx.repos.tracking.consents(id).filter((c) => !c.withdrawnAt);
    const fields: Partial<ContactFields> = remaining.length === 0 && canTransition(contact.stage, 'consent_withdrawn') ? { stage: 'consent_withdrawn', stageChangedAt: now() } : {};
    changeContact(ctx, contact, fields, 'consent_withdrawn', null, {
      after: { purposes: [...new Set(active.map((c) => c.purpose))], withdrawnAt: input.date },
    });
  });
  return requireContact(ctx, id);
}
