import { displayNumber } from '../../shared/phone';
import type { ContactDetailView, LikelyDuplicate } from '../../shared/contract/contacts';
import { translate } from '../../shared/i18n';
import { isEmailAddress } from '../../shared/email';
import { formatDate } from '../../shared/local-date';
import { formalKey, type Contact } from '../../shared/model/contact';
import type { ContactEdit } from '../../shared/model/contact-edit';
import type { Language } from '../../shared/model/settings';
import { historyKinds, transitions, type HistoryEntryView } from '../../shared/model/tracking';
import { displayNameOf } from '../../shared/names';
import { normalizePhone } from '../../shared/phone';
import type { ContactFields, NewContact } from '../db/repositories/contacts';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { likelyDuplicates } from './duplicates';
import { getSettings, messageLanguage } from './settings';
import { changeContact, requireContact } from './tracking';

type HistoryKind = (typeof historyKinds)[number];
const isHistoryKind = (kind: string): kind is HistoryKind => (historyKinds as readonly string[]).includes(kind);

/** Fields whose values are days (or moments): shown as 04.12.2026, never as stored. */
const dateFields = new Set([
  'givenAt',
  'scanDate',
  'withdrawnAt',
  'invitedAt',
  'switchedAt',
  'letterSentAt',
  'birthday',
  'whatsappLastMessageAt',
]);

/** Fields a change list never shows: the entry's text says them, or they are bookkeeping nobody reads. */
const unlistedFields = new Set(['stageChangedAt', 'mergedFrom', 'mergedInto', 'mergedFromId', 'mergedIntoId', 'deleted', 'consentIds']);

/** Catalogue lists a value's name is looked up in, per field. */
const namedValues: Record<string, string> = {
  stage: 'tracking.stages',
  target: 'tracking.targets',
  messenger: 'tracking.targets',
  invitedChannel: 'tracking.channels',
  method: 'tracking.methods',
  gender: 'tracking.genders',
  kind: 'contacts.kinds',
  language: 'contacts.languages',
};

const present = (value: unknown): boolean => value !== null && value !== undefined && value !== '';

/** One item of a list field in words: a number as written, an e-mail address, an address on one line. */
function itemText(field: string, item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  const record = item as Record<string, unknown>;
  if (field === 'phones') return String(record.raw ?? record.e164 ?? '');
  if (field === 'emails') return String(record.address ?? '');
  if (field === 'addresses') {
    const place = [record.postalCode, record.city].filter(present).join(' ');
    return [record.street, place, record.region, record.country].filter(present).join(', ');
  }
  return Object.values(record)
    .filter((v) => present(v) && typeof v !== 'boolean')
    .join(' ');
}

/** A history value in words: names translated, days as 04.12.2026, lists joined; null for nothing. */
function valueText(language: Language, field: string, value: unknown): string | null {
  // Du or Sie, and "not set" is the rule by kind rather than nothing.
  if (field === 'formal') return translate(language, `contacts.formal.${formalKey(value as boolean | null)}`);
  if (!present(value)) return null;
  if (typeof value === 'boolean') return translate(language, value ? 'tracking.yes' : 'tracking.no');
  if (namedValues[field] && typeof value === 'string') return translate(language, `${namedValues[field]}.${value}`);
  if (dateFields.has(field) && typeof value === 'string') return formatDate(value, language);
  if (Array.isArray(value)) {
    // The purposes of a consent (given, withdrawn or taken back by an undo).
    if (field === 'purposes' || field === 'consentsRemoved')
      return value.map((p) => translate(language, `tracking.purposes.${p}`)).join(', ') || null;
    return (
      value
        .map((item) => itemText(field, item))
        .filter(Boolean)
        .join(', ') || null
    );
  }
  return String(value);
}

type Change = HistoryEntryView['changes'][number];

/**
 * What an entry changed, field by field, in words. A field whose before and after read the same
 * (both empty, or equal) is left out: it says nothing.
 */
function changeList(
  language: Language,
  fields: Iterable<string>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Change[] {
  const changes: Change[] = [];
  for (const field of fields) {
    if (unlistedFields.has(field)) continue;
    const change = {
      field: translate(language, `tracking.fields.${field}`),
      before: valueText(language, field, before[field]),
      after: valueText(language, field, after[field]),
    };
    if (change.before !== change.after) changes.push(change);
  }
  return changes;
}

interface EntryWords {
  text: string;
  /** Fields the text names already (left out of the change list). */
  said: string[];
  /** The text says something on its own ("Gelöscht"); else an entry without changes is dropped. */
  standsAlone: boolean;
}

/** What an entry of the history table says, in the user's language. */
function entryWords(language: Language, kind: HistoryKind, before: Record<string, unknown>, after: Record<string, unknown>): EntryWords {
  const name = (field: string, value: unknown) => valueText(language, field, value) ?? translate(language, 'tracking.empty');
  switch (kind) {
    case 'stage':
    case 'target': {
      // A step that kept the stage (invited again) or a target entry that only changed the messenger id.
      if (valueText(language, kind, before[kind]) === valueText(language, kind, after[kind])) {
        return {
          text: translate(language, kind === 'stage' ? 'tracking.history.stageUnchanged' : 'tracking.history.fields'),
          said: [kind],
          standsAlone: false,
        };
      }
      let text = translate(language, `tracking.history.${kind}`, { before: name(kind, before[kind]), after: name(kind, after[kind]) });
      const said: string[] = [kind];
      if (kind === 'stage' && present(after.invitedChannel)) {
        const channel = name('invitedChannel', after.invitedChannel);
        // "war schon dort" is no channel anything went "per".
        text += ` (${after.invitedChannel === 'already_there' ? channel : translate(language, 'tracking.history.invitedBy', { channel })})`;
        said.push('invitedChannel');
      }
      if (kind === 'stage' && present(after.messenger)) {
        text += ` (${translate(language, 'tracking.history.messenger', { messenger: name('messenger', after.messenger) })})`;
        said.push('messenger');
      }
      if (kind === 'stage' && present(after.letterVersion)) {
        text += ` (${translate(language, 'tracking.history.letterVersion', { version: String(after.letterVersion) })})`;
        said.push('letterVersion');
      }
      return { text, said, standsAlone: true };
    }
    case 'deleted':
      if (present(after.mergedInto))
        return {
          text: translate(language, 'tracking.history.deletedByMerge', { other: String(after.mergedInto) }),
          said: [],
          standsAlone: true,
        };
      return { text: translate(language, 'tracking.history.deleted'), said: [], standsAlone: true };
    case 'merge':
      return {
        text: translate(language, 'tracking.history.merge', { other: String(after.mergedFrom ?? '') }),
        said: [],
        standsAlone: true,
      };
    case 'consentWithoutProof':
      return {
        text: translate(language, 'tracking.history.consentWithoutProof', { after: name('stage', after.stage) }),
        said: ['stage'],
        standsAlone: true,
      };
    case 'keptApart':
    case 'keptApartUndone': {
      // The other contact's name is gone once that contact was erased.
      const other = present(after.other) ? String(after.other) : translate(language, 'tracking.history.erasedName');
      return { text: translate(language, `tracking.history.${kind}`, { other }), said: ['other'], standsAlone: true };
    }
    case 'erased':
      // Erased on request, or from the bin after its days ran out (then both days are said).
      if (present(after.erasedOn)) {
        return {
          text: translate(language, 'tracking.history.purged', {
            date: formatDate(String(after.deletedOn), language),
            erased: formatDate(String(after.erasedOn), language),
            days: Number(after.keptDays),
          }),
          said: ['deletedOn', 'erasedOn', 'keptDays'],
          standsAlone: true,
        };
      }
      if (present(after.evidenceKeptUntil)) {
        return {
          text: translate(language, 'tracking.history.erasedEvidenceKept', {
            date: formatDate(String(after.deletedOn), language),
            until: formatDate(String(after.evidenceKeptUntil), language),
          }),
          said: ['deletedOn', 'evidenceKeptUntil'],
          standsAlone: true,
        };
      }
      return {
        text: translate(language, 'tracking.history.erased', { date: formatDate(String(after.deletedOn), language) }),
        said: ['deletedOn'],
        standsAlone: true,
      };
    case 'evidenceErased':
      return {
        text: translate(language, 'tracking.history.evidenceErased', { date: formatDate(String(after.erasedOn), language) }),
        said: ['erasedOn'],
        standsAlone: true,
      };
    case 'accessReport':
      return {
        text: translate(language, 'tracking.history.accessReport', { format: after.format === 'json' ? 'JSON' : 'PDF' }),
        said: ['format'],
        standsAlone: true,
      };
    case 'fields':
    case 'tags':
      return { text: translate(language, `tracking.history.${kind}`), said: [], standsAlone: false };
    default:
      return { text: translate(language, `tracking.history.${kind}`), said: [], standsAlone: true };
  }
}

/** How a pair found by "Neuer Kontakt" is filed among the possible duplicates (the import's reasons, import.reasons.*). */
const duplicateReasons = { name: 'sameNameOtherWays', phone: 'sameNumberOtherName', email: 'sameEmailOtherName' } as const;

/**
 * The timeline: the history table, plus what imports did (recorded with the imports themselves).
 * Every line is in words an authority can read: labels, not field names; days as 04.12.2026; no
 * change that changed nothing, and no entry left with nothing to say.
 */
export function historyView(ctx: ServiceContext, contact: Pick<Contact, 'id'>, language: Language): HistoryEntryView[] {
  // Newest first; entries of the same moment keep their order of writing (the sort below is stable).
  const entries: HistoryEntryView[] = ctx.repos.tracking
    .history(contact.id)
    .reverse()
    .flatMap((entry) => {
      const before = entry.before ?? {};
      const after = entry.after ?? {};
      // A kind this version does not know reads as a change of details rather than as a catalogue key.
      const words = isHistoryKind(entry.kind)
        ? entryWords(language, entry.kind, before, after)
        : { text: translate(language, 'tracking.history.fields'), said: [], standsAlone: false };
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !words.said.includes(field));
      const changes = changeList(language, fields, before, after);
      if (changes.length === 0 && !words.standsAlone) return [];
      return [{ at: entry.at, kind: entry.kind, text: words.text, changes }];
    });
  const imported = ctx.repos.imports.historyOf(contact.id);
  if (imported.created) {
    entries.push({
      at: imported.created.importedAt,
      kind: 'importCreated',
      text: translate(language, 'tracking.history.importCreated', { file: imported.created.fileName }),
      changes: [],
    });
  }
  for (const { record, before, after } of imported.updates) {
    // What the import set (recorded since version 7); older records know only what was before.
    const changes = changeList(language, Object.keys(before), before, after ?? {});
    if (changes.length === 0 && after) continue;
    entries.push({
      at: record.importedAt,
      kind: 'importUpdated',
      text: translate(language, 'tracking.history.importUpdated', { file: record.fileName }),
      changes,
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function contactDetail(ctx: ServiceContext, id: number): ContactDetailView {
  const contact = requireContact(ctx, id);
  const language = messageLanguage(ctx);
  const consents = ctx.repos.tracking.consents(id);
  const evidence = ctx.repos.tracking.evidenceInfo(consents.flatMap((c) => (c.evidenceId ? [c.evidenceId] : [])));
  const duplicateIds = ctx.repos.imports.duplicatesOf(id).map((d) => (d.contactId === id ? d.otherId : d.contactId));
  const others = ctx.repos.contacts.byIds(duplicateIds);
  return {
    contact,
    consents: consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      givenAt: c.givenAt,
      textVersion: c.textVersion,
      method: c.method,
      evidence: c.evidenceId && evidence.has(c.evidenceId) ? { id: c.evidenceId, ...evidence.get(c.evidenceId)! } : null,
      evidenceNote: c.evidenceNote,
      withdrawnAt: c.withdrawnAt,
      recordedAt: c.recordedAt,
    })),
    history: historyView(ctx, contact, language),
    duplicates: [...others.values()].map((other) => ({
      id: other.id,
      displayName: other.displayName,
      mobile: other.phones[0] ? displayNumber(other.phones[0].e164, other.phones[0].raw) : null,
    })),
    nextStages: [...transitions[contact.stage]],
    numbersShown: contact.phones.map((phone) => displayNumber(phone.e164, phone.raw)),
  };
}

/**
 * Saves the contact form: numbers are read again (E.164, mobile or landline), the display name
 * follows the names unless set, and one history entry lists what changed.
 */
/**
 * The form's numbers read again (E.164, mobile or landline). A number flagged by an import
 * ("3333333", no area code) stays as it is, flagged, until the office corrects it; a number typed in
 * the form must be valid.
 */
function formPhones(ctx: ServiceContext, edit: ContactEdit, flagged: ReadonlySet<string>) {
  const region = getSettings(ctx).defaultRegion;
  return edit.phones.map((phone) => {
    const normalized = normalizePhone(phone.raw, region);
    if (!normalized.e164 && flagged.has(phone.raw)) return { raw: phone.raw, e164: null, kind: 'invalid' as const, label: phone.label };
    if (!normalized.e164) throw new AppError('invalid_input', 'tracking.errors.invalidPhone', { raw: phone.raw });
    return { raw: phone.raw, e164: normalized.e164, kind: normalized.kind, label: phone.label };
  });
}

/** A text that is no address stays as typed, flagged, like one an import brought. */
const formEmails = (edit: ContactEdit) => edit.emails.map((email) => ({ ...email, valid: isEmailAddress(email.address) }));

export function updateContact(ctx: ServiceContext, id: number, edit: ContactEdit): Contact {
  const contact = requireContact(ctx, id);
  const phones = formPhones(ctx, edit, new Set(contact.phones.filter((phone) => !phone.e164).map((phone) => phone.raw)));
  const displayName =
    edit.displayName ||
    (contact.displayName !== displayNameOf(contact) && contact.displayName ? contact.displayName : null) ||
    displayNameOf({
      givenName: edit.givenName,
      familyName: edit.familyName,
      organization: edit.organization,
      fallbacks: [edit.emails[0]?.address, phones[0]?.raw],
    }) ||
    contact.displayName;
  const fields: Partial<ContactFields> = {
    displayName,
    givenName: edit.givenName,
    familyName: edit.familyName,
    title: edit.title,
    gender: edit.gender,
    organization: edit.organization,
    department: edit.department,
    jobTitle: edit.jobTitle,
    isCompany: edit.isCompany,
    customerNumber: edit.customerNumber,
    birthday: edit.birthday,
    note: edit.note,
    kind: edit.kind,
    messengerId: edit.messengerId,
  };
  // Left out of the edit, language and Du/Sie stay as they are.
  if (edit.language !== undefined) fields.language = edit.language;
  if (edit.formal !== undefined) fields.formal = edit.formal;
  if (edit.minor !== undefined) fields.minor = edit.minor;
  ctx.repos.transaction(() => {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const emails = formEmails(edit);
    const lists = { phones, emails, addresses: edit.addresses, tags: [...new Set(edit.tags)].sort() };
    const current = { phones: contact.phones, emails: contact.emails, addresses: contact.addresses, tags: contact.tags };
    for (const key of Object.keys(lists) as (keyof typeof lists)[]) {
      if (JSON.stringify(lists[key]) === JSON.stringify(current[key])) continue;
      before[key] = current[key];
      after[key] = lists[key];
    }
    if ('phones' in after) ctx.repos.contacts.replacePhones(id, phones);
    if ('emails' in after) ctx.repos.contacts.replaceEmails(id, emails);
    if ('addresses' in after) ctx.repos.contacts.replaceAddresses(id, edit.addresses);
    if ('tags' in after) ctx.repos.contacts.setTags(id, lists.tags);
    changeContact(ctx, contact, fields, 'fields', null, { before, after });
  });
  return requireContact(ctx, id);
}

/**
 * "Neuer Kontakt": the form's contact, checked as a save of the form is, created at stage "new" with a
 * history entry "Von Hand angelegt". When it likely is a contact in the list already (the same
 * number, e-mail address or name, see likelyDuplicates), nothing is written and the matches come
 * back, unless `evenIfDuplicate`: then it is created and each pair is offered as a possible duplicate.
 */
export function createContact(
  ctx: ServiceContext,
  edit: ContactEdit,
  evenIfDuplicate = false,
): { contact: Contact | null; duplicates: LikelyDuplicate[] } {
  const phones = formPhones(ctx, edit, new Set());
  const emails = formEmails(edit);
  const displayName =
    edit.displayName ||
    displayNameOf({
      givenName: edit.givenName,
      familyName: edit.familyName,
      organization: edit.organization,
      fallbacks: [emails[0]?.address, phones[0]?.raw],
    });
  if (!displayName) throw new AppError('invalid_input', 'tracking.errors.contactNeedsName');
  const draft = { displayName, givenName: edit.givenName, familyName: edit.familyName, organization: edit.organization, phones, emails };
  const duplicates = likelyDuplicates(ctx, draft);
  if (duplicates.length > 0 && !evenIfDuplicate) return { contact: null, duplicates };
  const created: NewContact = {
    ...draft,
    title: edit.title,
    gender: edit.gender,
    department: edit.department,
    jobTitle: edit.jobTitle,
    isCompany: edit.isCompany,
    customerNumber: edit.customerNumber,
    birthday: edit.birthday,
    note: edit.note,
    kind: edit.kind,
    addresses: edit.addresses,
    ...(edit.language !== undefined ? { language: edit.language } : {}),
    ...(edit.minor !== undefined ? { minor: edit.minor } : {}),
  };
  const id = ctx.repos.transaction(() => {
    const newId = ctx.repos.contacts.insert(created);
    // Fields a new row leaves at their default: set after it, as the form does.
    const later: Partial<ContactFields> = {};
    if (edit.formal !== undefined && edit.formal !== null) later.formal = edit.formal;
    if (edit.messengerId) later.messengerId = edit.messengerId;
    ctx.repos.contacts.updateFields(newId, later);
    const tags = [...new Set(edit.tags)].sort();
    if (tags.length) ctx.repos.contacts.setTags(newId, tags);
    ctx.repos.tracking.addHistory({ contactId: newId, kind: 'created', before: null, after: null });
    for (const duplicate of duplicates) ctx.repos.imports.addDuplicate(newId, duplicate.id, duplicateReasons[duplicate.reason], null);
    return newId;
  });
  return { contact: requireContact(ctx, id), duplicates };
}
