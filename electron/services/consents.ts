import type { RequestOutput, ValidInput } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import { consentTextVersion } from '../../shared/letters/consent-text-version';
import { keepCurrentTextVersion } from './consent-texts';
import { localToday } from '../../shared/local-date';
import { messagingPhone, type Contact, type Selection } from '../../shared/model/contact';
import type { Language } from '../../shared/model/settings';
import { canTransition, type Purpose } from '../../shared/model/tracking';
import type { ContactFields } from '../db/repositories/contacts';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { storeEvidence } from './evidence';
import { getProfile } from './profile';
import { messageLanguage } from './settings';
import { changeContact, now, requireContact, type BulkResult } from './tracking';
import { selectionIds } from './contacts';

/**
 * Consent is recorded only with its proof (issue 12): the purposes ticked, the day it was given, the
 * version of the text consented to, and either a scan of the signed form or the stated reason why
 * there is none ("mündlich am Telefon, Notiz"), in which case the signed form counts as missing.
 */
export type ConsentEvidence =
  | { kind: 'scan'; fileName: string; data: Buffer }
  /** A scan stored already (a returned form's page, kept with its Rückläufer-Code: return-forms.ts). */
  | { kind: 'stored'; evidenceId: number; fileName: string }
  | Extract<ValidInput<'consents.record'>['evidence'], { kind: 'note' }>;

/** The consent form as the contract checks it (textVersion left out: each contact's last letter, else today's text), its scan decoded. */
type ConsentInput = Omit<ValidInput<'consents.record'>, 'contactId' | 'evidence'> & {
  evidence: ConsentEvidence;
  /** Read from a returned form (return-forms.ts): its Rückläufer-Code and the Art. 49 box, for the history. */
  returnForm?: { returnCode: string | null; transferConsent: boolean | null };
};

/** What the consent form offers for a selection: how many can consent, who cannot and why, the text versions. */
type ConsentPreparation = RequestOutput<'consents.prepare'>;

/** Why a contact cannot consent: a catalogue key and its values (an AppError's, or a line in a list). */
interface Refusal {
  key: string;
  vars: Record<string, string>;
}

/** The purposes a contact has consented to and not withdrawn. */
const activePurposes = (ctx: ServiceContext, contactId: number): Set<Purpose> =>
  new Set(
    ctx.repos.tracking
      .consents(contactId)
      .filter((consent) => !consent.withdrawnAt)
      .map((consent) => consent.purpose),
  );

/** The purposes of the input the contact has not consented to yet (an active consent is not recorded twice). */
const newPurposes = (input: ConsentInput, active: ReadonlySet<Purpose>): Purpose[] =>
  [...new Set(input.purposes)].filter((purpose) => !active.has(purpose));

/**
 * Why a contact cannot consent to WhatsApp now; null when they can. With the form's input (and the
 * purposes the contact has already consented to), also what the input cannot prove for this contact.
 */
function refusalOf(language: Language, contact: Contact, form?: { input: ConsentInput; active: ReadonlySet<Purpose> }): Refusal | null {
  const name = contact.displayName;
  if (contact.stage !== 'consent_given' && !canTransition(contact.stage, 'consent_given')) {
    return { key: 'tracking.errors.consentNotPossible', vars: { name, stage: translate(language, `tracking.stages.${contact.stage}`) } };
  }
  // A landline cannot be on WhatsApp (docs/consent-letter.md): there is nothing to consent to.
  if (!messagingPhone(contact.phones)) return { key: 'tracking.errors.consentNeedsMobile', vars: { name } };
  if (!form) return null;
  const { input, active } = form;
  // § 26(2) BDSG: an employee's consent needs the written or electronic form, kept as a scan (docs/consent-letter.md, item 9).
  if (contact.kind === 'employee' && (input.evidence.kind === 'note' || (input.method !== 'signed_letter' && input.method !== 'email'))) {
    return { key: 'tracking.errors.employeeConsentWritten', vars: { name } };
  }
  if (newPurposes(input, active).length === 0) {
    return {
      key: 'tracking.errors.alreadyConsented',
      vars: { name, purposes: input.purposes.map((p) => translate(language, `tracking.purposes.${p}`)).join(', ') },
    };
  }
  return null;
}

export function prepareConsents(ctx: ServiceContext, selection: Selection): ConsentPreparation {
  const language = messageLanguage(ctx);
  const contacts = [...ctx.repos.contacts.byIds(selectionIds(ctx, selection)).values()];
  const refusals = contacts.map((contact) => [contact, refusalOf(language, contact)] as const);
  const refused = refusals.flatMap(([, refusal]) => (refusal ? [translate(language, refusal.key, refusal.vars)] : []));
  const versions = new Map<string | null, number>();
  for (const contact of contacts) versions.set(contact.letterVersion, (versions.get(contact.letterVersion) ?? 0) + 1);
  return {
    count: contacts.length,
    possible: contacts.length - refused.length,
    refused: refused.slice(0, 5),
    employees: refusals.filter(([contact, refusal]) => !refusal && contact.kind === 'employee').length,
    letterVersions: [...versions].map(([version, count]) => ({ version, count })).sort((a, b) => b.count - a.count),
    currentVersion: consentTextVersion(getProfile(ctx)),
  };
}

/** The form's input on its own: at least one purpose, a day not after today, a reason when there is no scan. */
function checkInput(input: ConsentInput): void {
  if (input.purposes.length === 0) throw new AppError('invalid_input', 'tracking.errors.purposeRequired');
  if (input.givenAt > localToday()) throw new AppError('invalid_input', 'tracking.errors.consentInFuture');
  if (input.evidence.kind === 'note' && !input.evidence.note.trim()) throw new AppError('invalid_input', 'tracking.errors.evidenceMissing');
}

/**
 * The proof in the database, stored when the first contact needs it: a scan is kept once, whatever the
 * number of contacts it covers, and not at all when nobody could consent.
 */
function proofStore(
  ctx: ServiceContext,
  evidence: ConsentEvidence,
): () => { evidenceId: number | null; evidenceNote: string | null; shown: Record<string, string> } {
  if (evidence.kind === 'note') {
    const note = evidence.note.trim();
    return () => ({ evidenceId: null, evidenceNote: note, shown: { evidenceNote: note } });
  }
  if (evidence.kind === 'stored') {
    const shown = { evidence: evidence.fileName };
    return () => ({ evidenceId: evidence.evidenceId, evidenceNote: null, shown });
  }
  let stored: { id: number; fileName: string } | null = null;
  return () => {
    stored ??= storeEvidence(ctx, evidence.fileName, evidence.data);
    return { evidenceId: stored.id, evidenceNote: null, shown: { evidence: stored.fileName } };
  };
}

/** One contact's consent, inside the caller's transaction; one history entry says all of it. */
function addConsents(
  ctx: ServiceContext,
  contact: Contact,
  input: ConsentInput,
  purposes: Purpose[],
  proof: ReturnType<ReturnType<typeof proofStore>>,
  textVersion: string,
  operationId: number | null,
): void {
  const consentIds = purposes.map((purpose) =>
    ctx.repos.tracking.addConsent({
      contactId: contact.id,
      purpose,
      givenAt: input.givenAt,
      textVersion,
      method: input.method,
      evidenceId: proof.evidenceId,
      evidenceNote: proof.evidenceNote,
    }),
  );
  const fields: Partial<ContactFields> = contact.stage === 'consent_given' ? {} : { stage: 'consent_given', stageChangedAt: now() };
  if (!contact.target) fields.target = 'whatsapp_consent';
  changeContact(ctx, contact, fields, 'consent', operationId, {
    after: { purposes, givenAt: input.givenAt, textVersion, method: input.method, ...proof.shown, ...input.returnForm, consentIds },
  });
}

/** The version a contact consented to when nobody says otherwise: their last letter's, else the current text's. */
const textVersionFor = (contact: Contact, input: ConsentInput, currentVersion: string): string =>
  input.textVersion?.trim() || contact.letterVersion || currentVersion;

/**
 * Records a consent per purpose with the text version and its proof, and moves the contact to
 * "consent given". Refused for a contact whose stage or number does not allow it, without proof, for
 * an employee without the written form, and for purposes already consented to.
 */
export function recordConsent(ctx: ServiceContext, id: number, input: ConsentInput): Contact {
  checkInput(input);
  const contact = requireContact(ctx, id);
  const active = activePurposes(ctx, id);
  const refusal = refusalOf(messageLanguage(ctx), contact, { input, active });
  if (refusal) throw new AppError('conflict', refusal.key, refusal.vars);
  const currentVersion = consentTextVersion(getProfile(ctx));
  const textVersion = textVersionFor(contact, input, currentVersion);
  ctx.repos.transaction(() => {
    if (textVersion === currentVersion) keepCurrentTextVersion(ctx, getProfile(ctx));
    addConsents(ctx, contact, input, newPurposes(input, active), proofStore(ctx, input.evidence)(), textVersion, null);
  });
  return requireContact(ctx, id);
}

/**
 * The consent form for several contacts at once (the bulk menu): the same purposes, day and proof for
 * each; the text version, unless given, each contact's own last letter. Contacts who cannot consent
 * are left as they are and named. One operation, undone as a whole.
 */
export function recordConsents(ctx: ServiceContext, selection: Selection, input: ConsentInput): BulkResult {
  checkInput(input);
  const language = messageLanguage(ctx);
  const ids = selectionIds(ctx, selection);
  const profile = getProfile(ctx);
  const currentVersion = consentTextVersion(profile);
  const contacts = ctx.repos.contacts.byIds(ids);
  return ctx.repos.transaction(() => {
    const operationId = ctx.repos.tracking.createOperation('consent', ids.length);
    const proof = proofStore(ctx, input.evidence);
    const skippedReasons: string[] = [];
    let changed = 0;
    let skipped = 0;
    for (const id of ids) {
      const contact = contacts.get(id);
      if (!contact) continue;
      const active = activePurposes(ctx, id);
      const refusal = refusalOf(language, contact, { input, active });
      if (refusal) {
        skipped += 1;
        if (skippedReasons.length < 5) skippedReasons.push(translate(language, refusal.key, refusal.vars));
        continue;
      }
      const textVersion = textVersionFor(contact, input, currentVersion);
      if (textVersion === currentVersion) keepCurrentTextVersion(ctx, profile);
      addConsents(ctx, contact, input, newPurposes(input, active), proof(), textVersion, operationId);
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
  // A withdrawal takes effect on its day: one dated ahead would count as valid until then, and the
  // overview (withdrawn now) and the accountability report (valid until that day) would disagree.
  if (input.date > localToday()) throw new AppError('invalid_input', 'tracking.errors.withdrawalInFuture');
  const active = ctx.repos.tracking.consents(id).filter((c) => !c.withdrawnAt && (!input.purposes || input.purposes.includes(c.purpose)));
  if (active.length === 0) throw new AppError('conflict', 'tracking.errors.noActiveConsent', { name: contact.displayName });
  ctx.repos.transaction(() => {
    for (const consent of active) ctx.repos.tracking.withdrawConsent(consent.id, input.date);
    const remaining = ctx.repos.tracking.consents(id).filter((c) => !c.withdrawnAt);
    const fields: Partial<ContactFields> =
      remaining.length === 0 && canTransition(contact.stage, 'consent_withdrawn')
        ? { stage: 'consent_withdrawn', stageChangedAt: now() }
        : {};
    changeContact(ctx, contact, fields, 'consent_withdrawn', null, {
      after: { purposes: [...new Set(active.map((c) => c.purpose))], withdrawnAt: input.date },
    });
  });
  return requireContact(ctx, id);
}
