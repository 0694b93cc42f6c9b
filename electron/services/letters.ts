import type { RequestOutput, ValidInput } from '../../shared/contract';
import { checkProfile, MAX_NAME_CHARACTERS, MAX_RETENTION_CHARACTERS } from '../../shared/model/profile-checks';
import { translate } from '../../shared/i18n';
import { returnCheckOf } from './return-codes';
import { renderConsentLetters, type ConsentLetters, type LetterForm } from '../../shared/letters/consent-letter';
import type { LetterKind } from '../../shared/letters/din-letter';
import { renderInvitationLetters } from '../../shared/invitations/invitation-letter';
import { missingProfileFields } from '../../shared/model/profile';
import { consentTextVersion } from '../../shared/letters/consent-text-version';
import { keepCurrentTextVersion } from './consent-texts';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { getProfile } from './profile';
import { getSettings, messageLanguage } from './settings';
import { getTemplates } from './templates';
import { overdueCutoffs, selectionIds } from './contacts';
import { bulkChange, today } from './tracking';
import { printInLayers, printInParts } from '../printing/print-in-parts';
import { openAhead } from '../printing/printer';
import { postalAddress } from '../../shared/letters/address-block';
import { suggestedTarget } from '../../shared/invitations/invitation';
import { messagingPhone, type Contact, type ContactLanguage, type Selection } from '../../shared/model/contact';
import type { Profile } from '../../shared/model/profile';
import type { StageChange } from '../../shared/model/tracking';

/**
 * Letters as the CLI asks for them: the options of a selection's letters (LetterOptions), for these
 * contacts (all when absent), dated `date` (YYYY-MM-DD; today when absent).
 */
export type LetterRequest = LetterOptions & { ids?: readonly number[]; date?: string };

type LettersPreview = RequestOutput<'letters.preview'>;
/** A contact who needs no consent letter any more: a valid consent, a refusal, or the switch to a messenger. */
type SettledContact = LettersPreview['settled'][number];
type SettledReason = SettledContact['reason'];
type ListedContact = LettersPreview['withoutAddress'][number];

/**
 * The contacts among these whose way is decided: a valid WhatsApp consent (the contact filter's one
 * definition, VALID_CONSENT_SQL), a refusal, or the switch to a messenger. A consent letter would ask
 * them again, so the office is asked first.
 */
function settledContacts(ctx: ServiceContext, contacts: Iterable<Contact>): SettledContact[] {
  const consented = new Set(ctx.repos.contactList.ids({ ...overdueCutoffs(ctx), search: '', consented: true }));
  const settled: SettledContact[] = [];
  for (const contact of contacts) {
    const reason: SettledReason | null = consented.has(contact.id)
      ? 'consented'
      : contact.stage === 'consent_refused'
        ? 'refused'
        : contact.stage === 'switched'
          ? 'switched'
          : null;
    if (reason) settled.push({ id: contact.id, displayName: contact.displayName, reason });
  }
  return settled;
}

/** The languages consent forms will be written in (the profile needs more for English ones); invitations need none of it. */
const letterLanguages = (contacts: Iterable<Pick<Contact, 'language'>>, kind: LetterKind): ContactLanguage[] =>
  kind === 'consent' ? [...new Set([...contacts].map((c) => c.language))] : [];

interface LettersInput {
  common: { profile: Profile; contacts: Contact[]; form: LetterForm; date: string; homeCountry: string };
  kind: LetterKind;
  /** Left out: consent letters to contacts whose way is decided, unless the office asked for them too. */
  settled: SettledContact[];
  /** Left out always: consent letters to contacts whose numbers WhatsApp cannot reach (nothing to consent to). */
  landlineOnly: ListedContact[];
}

/**
 * Contacts a consent letter cannot ask: their numbers are landlines (or unreadable), none WhatsApp can
 * reach (docs/consent-letter.md). A contact without any number still gets one: the form asks for the mobile number.
 */
const landlineOnlyOf = (contacts: Iterable<Contact>, kind: LetterKind): ListedContact[] =>
  kind === 'consent'
    ? [...contacts]
        .filter((contact) => contact.phones.length > 0 && !messagingPhone(contact.phones))
        .map(({ id, displayName }) => ({ id, displayName }))
    : [];

/**
 * Whom a batch of letters leaves out besides those without an address: the settled contacts (unless
 * included) and, for consent letters, those with landlines only; with the ids of all left out.
 */
function leftOutOf(
  ctx: ServiceContext,
  contacts: Iterable<Contact>,
  kind: LetterKind,
  includeSettled: boolean,
): LeftOut & { ids: Set<number> } {
  const list = [...contacts];
  const settled = kind === 'consent' ? settledContacts(ctx, list) : [];
  const landlineOnly = landlineOnlyOf(list, kind);
  return { settled, landlineOnly, ids: new Set([...(includeSettled ? [] : settled), ...landlineOnly].map((contact) => contact.id)) };
}

/**
 * The contacts to write to, in the requested order, without the settled ones unless asked for
 * (consent letters only; invitations on paper go to whoever is chosen); refused with the list of
 * what is missing while the profile is incomplete.
 */
function lettersInput(ctx: ServiceContext, request: LetterRequest): LettersInput {
  const profile = getProfile(ctx);
  const settings = getSettings(ctx);
  const kind = request.kind ?? 'consent';
  const includeSettled = request.includeSettled ?? false;
  const chosen = request.ids ? [...ctx.repos.contacts.byIds([...request.ids]).values()] : ctx.repos.contacts.all();
  const leftOut = leftOutOf(ctx, chosen, kind, includeSettled);
  const contacts = chosen.filter((contact) => !leftOut.ids.has(contact.id));
  // Listed as left out only when they were: included, the settled ones are printed.
  const settled = includeSettled ? [] : leftOut.settled;
  const { landlineOnly } = leftOut;
  const missing = missingProfileFields(profile, letterLanguages(contacts, kind));
  if (missing.length) {
    const fields = missing.map((field) => translate(messageLanguage(ctx), `profile.fields.${field}`)).join(', ');
    throw new AppError('conflict', 'profile.errors.incompleteForLetters', { fields });
  }
  // A name or retention rule stored before their limits (an older version took 300 and 1,000
  // characters) would push the boxes and signatures off the form's page.
  const limits = { name: MAX_NAME_CHARACTERS, retention: MAX_RETENTION_CHARACTERS, retentionEn: MAX_RETENTION_CHARACTERS } as const;
  const { problems } = checkProfile(profile);
  const tooLong = (Object.keys(limits) as (keyof typeof limits)[]).filter((field) => problems[field]);
  if (kind === 'consent' && tooLong.length) {
    const fields = tooLong.map((field) =>
      translate(messageLanguage(ctx), 'profile.errors.atMost', {
        field: translate(messageLanguage(ctx), `profile.fields.${field}`),
        max: limits[field],
      }),
    );
    throw new AppError('conflict', 'profile.errors.tooLongForLetters', { fields: fields.join(', ') });
  }
  const order = request.ids ? new Map(request.ids.map((id, index) => [id, index])) : null;
  if (order) contacts.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    common: { profile, contacts, form: request.form, date: request.date ?? today(), homeCountry: settings.defaultRegion },
    kind,
    settled,
    landlineOnly,
  };
}

/** Invitations carry no text version (version ''). */
function lettersFrom(ctx: ServiceContext, { common, kind }: LettersInput): ConsentLetters {
  if (kind === 'invitation') return { ...renderInvitationLetters({ ...common, templates: getTemplates(ctx) }), version: '' };
  return renderConsentLetters({ ...common, returnCheck: returnCheckOf(ctx) });
}

/** The letters as HTML, consent letters or invitations (see lettersInput for what is refused and left out). */
export function renderLetters(ctx: ServiceContext, request: LetterRequest): ConsentLetters & LeftOut {
  const input = lettersInput(ctx, request);
  return Object.assign(lettersFrom(ctx, input), { settled: input.settled, landlineOnly: input.landlineOnly });
}

/** Who a batch of letters leaves out, besides those without a postal address. */
interface LeftOut {
  settled: SettledContact[];
  landlineOnly: ListedContact[];
}

/**
 * What a batch of letters did: how many printed, who was left out (without an address; settled, unless
 * included; landlines only), and the contacts marked (the others stood where a letter is no step).
 */
export type PrintedLetters = RequestOutput<'letters.delivered'>;

/** The outcome when no letter went out (nothing printable, or the print dialog was cancelled). */
const nothingSent = (letters: ConsentLetters, { settled, landlineOnly }: LeftOut): PrintedLetters => ({
  printed: 0,
  withoutAddress: letters.withoutAddress,
  settled,
  landlineOnly,
  version: letters.version,
  marked: 0,
  skipped: 0,
  operationId: null,
});

/**
 * The letters went out, as one undoable operation: consent letters make their contacts "consent
 * requested" with the date and text version, invitations "invited" by letter with the date. A letter
 * to a contact without a target invited them to the suggested messenger (see invitationParts): that
 * target is stored with the invitation (the service keeps a target the contact has).
 */
function markSent(
  ctx: ServiceContext,
  letters: ConsentLetters,
  date: string,
  kind: LetterKind,
  { settled, landlineOnly }: LeftOut,
): PrintedLetters {
  const profile = getProfile(ctx);
  const letterTarget = suggestedTarget(profile);
  // The wording of the version these letters carry is kept for the report (unless the details changed since printing).
  if (kind === 'consent' && consentTextVersion(profile) === letters.version) keepCurrentTextVersion(ctx, profile);
  const change: StageChange =
    kind === 'invitation'
      ? { stage: 'invited', channel: 'letter', date, ...(letterTarget ? { target: letterTarget } : {}) }
      : { stage: 'consent_requested', date, letterVersion: letters.version };
  const result = bulkChange(ctx, { ids: letters.printed }, { kind: 'setStage', change });
  return {
    printed: letters.printed.length,
    withoutAddress: letters.withoutAddress,
    settled,
    landlineOnly,
    version: letters.version,
    marked: result.changed,
    skipped: result.skipped,
    operationId: result.operationId,
  };
}

/**
 * Letters per printed part. Two parts print at once, so a batch is split into an even number of parts
 * of at most 250 letters: Chromium's time per page grows in larger documents, and each part costs a
 * little of its own (1,000 consent letters in two layers: 2.3 s in parts of 250, 2.4 s of 125, 2.7 s
 * of 500). Up to 50 letters print as one part.
 */
export const lettersPerPart = (letters: number) =>
  letters <= 50 ? Math.max(1, letters) : Math.ceil(letters / (2 * Math.ceil(letters / 500)));

/** A batch of letters printed to one PDF, its contacts not marked yet. */
export interface PrintedBatch {
  /** The letters as one PDF; null when there was nothing to print. */
  pdf: Uint8Array | null;
  /**
   * The letters reached the office (the file is written, the browser has the download): marks their
   * contacts (see markSent), as one undoable operation. Not called, nothing is marked.
   */
  markDelivered: () => PrintedLetters;
}

/**
 * Prints the letters to one PDF (in parts, see printInParts; consent letters in two layers, see
 * printInLayers) and leaves the marking to whoever delivers it (PrintedBatch.markDelivered).
 */
export async function printLetterBatch(
  ctx: ServiceContext,
  request: LetterRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<PrintedBatch> {
  const date = request.date ?? today();
  const input = lettersInput(ctx, { ...request, date });
  const printer = openAhead(ctx.openPrinter);
  try {
    const letters = lettersFrom(ctx, input);
    if (letters.printed.length === 0) return { pdf: null, markDelivered: () => nothingSent(letters, input) };
    const perPart = lettersPerPart(letters.printed.length);
    // Consent letters are alike but for names and addresses: they print in two layers (shared/letters/layers.ts).
    // Invitations carry personal words throughout and print whole.
    const pdf = await (input.kind === 'consent'
      ? printInLayers(letters.layers(perPart), printer.open, { onProgress })
      : printInParts(letters.documents(perPart), printer.open, { onProgress }));
    return { pdf, markDelivered: () => markSent(ctx, letters, date, input.kind, input) };
  } finally {
    await printer.release();
  }
}

/**
 * Prints the letters to one PDF (see printLetterBatch), hands it to `deliver` (a file) and only when
 * that succeeded marks the contacts (see markSent), as one undoable operation.
 */
export async function printLetters(
  ctx: ServiceContext,
  request: LetterRequest,
  deliver: (pdf: Uint8Array) => Promise<void> | void,
  onProgress?: (done: number, total: number) => void,
): Promise<PrintedLetters> {
  const batch = await printLetterBatch(ctx, request, onProgress);
  if (batch.pdf) await deliver(batch.pdf);
  return batch.markDelivered();
}

/** How many letters the preview shows: enough to check the layout, cheap for thousands of contacts. */
const PREVIEW_LETTERS = 2;

/** How a selection's letters are printed: the form, which letter, and whether the settled contacts get one too. */
type LetterInput = ValidInput<'letters.preview'>;
export type LetterOptions = Pick<LetterInput, 'form'> & Partial<Pick<LetterInput, 'kind' | 'includeSettled'>>;

/** The preview of a selection's letters: the first letters' HTML, how many can go out, and whom the office is asked about. */
export function previewLetters(
  ctx: ServiceContext,
  selection: Selection,
  { form, kind = 'consent', includeSettled = false }: LetterOptions,
): LettersPreview {
  const ids = selectionIds(ctx, selection);
  const contacts = ctx.repos.contacts.byIds(ids);
  const withAddress: number[] = [];
  const withoutAddress: LettersPreview['withoutAddress'] = [];
  for (const id of ids) {
    const contact = contacts.get(id);
    if (contact && postalAddress(contact.addresses)) withAddress.push(id);
    else if (contact) withoutAddress.push({ id, displayName: contact.displayName });
  }
  const { settled, landlineOnly, ids: leftOut } = leftOutOf(ctx, contacts.values(), kind, includeSettled);
  const toPrint = withAddress.filter((id) => !leftOut.has(id));
  const missing = missingProfileFields(getProfile(ctx), letterLanguages(contacts.values(), kind)).map((field) =>
    translate(messageLanguage(ctx), `profile.fields.${field}`),
  );
  const listed = { total: ids.length, printable: withAddress.length, toPrint: toPrint.length, withoutAddress, settled, landlineOnly };
  if (missing.length || toPrint.length === 0) return { missing, html: '', ...listed, version: '' };
  const letters = renderLetters(ctx, { ids: toPrint.slice(0, PREVIEW_LETTERS), form, kind, includeSettled: true });
  return { missing, html: letters.html(), ...listed, version: letters.version };
}

/** The letters of a selection as one PDF (for the browser to save); the contacts are marked once the page confirms it saved the PDF (see LetterJobs). */
export function lettersPdf(
  ctx: ServiceContext,
  selection: Selection,
  options: LetterOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<PrintedBatch> {
  return printLetterBatch(ctx, { ids: selectionIds(ctx, selection), ...options }, onProgress);
}

/**
 * The letters through the system print dialog (desktop app): the contacts are marked only when the user
 * sent the job to a printer; a cancelled dialog changes nothing.
 */
export async function printLettersWithDialog(
  ctx: ServiceContext,
  selection: Selection,
  options: LetterOptions,
): Promise<PrintedLetters & { cancelled: boolean }> {
  const print = ctx.printDialog;
  if (!print) throw new AppError('conflict', 'letters.errors.noPrintDialog');
  const date = today();
  const kind = options.kind ?? 'consent';
  const letters = renderLetters(ctx, { ids: selectionIds(ctx, selection), ...options, kind, date });
  if (letters.printed.length === 0) return { ...nothingSent(letters, letters), cancelled: false };
  if (!(await print(letters.html()))) return { ...nothingSent(letters, letters), cancelled: true };
  return { ...markSent(ctx, letters, date, kind, letters), cancelled: false };
}
