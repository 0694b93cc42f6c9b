import { translate } from '../../shared/i18n';
import { formalKey, type Contact } from '../../shared/model/contact';
import type { ContactEdit } from '../../shared/model/contact-edit';
import type { Language } from '../../shared/model/settings';
import { transitions, type Consent, type HistoryEntryView, type Stage } from '../../shared/model/tracking';
import { displayNameOf } from '../../shared/names';
import { normalizePhone } from '../../shared/phone';
import type { ContactFields } from '../db/repositories/contacts';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { getSettings } from './settings';
import { changeContact, requireContact } from './tracking';

export interface ContactDetail {
  contact: Contact;
  consents: Consent[];
  history: HistoryEntryView[];
  duplicates: { id: number; displayName: string; mobile: string | null }[];
  nextStages: Stage[];
}

const listText = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    const parts = value.map((item) =>
      typeof item === 'object' && item !== null
        ? Object.values(item as Record<string, unknown>)
            .filter((v) => v !== null && v !== '' && typeof v !== 'boolean')
            .join(' ')
        : String(item),
    );
    return parts.filter(Boolean).join(', ') || null;
  }
  return String(value);
};

/** A history value in words: stage and target names translated, lists joined. */
function valueText(language: Language, field: string, value: unknown): string | null {
  // Du or Sie, and "not set" is the rule by kind rather than nothing.
  if (field === 'formal') return translate(language, `contacts.formal.${formalKey(value as boolean | null)}`);
  if (value === null || value === undefined) return null;
  if (field === 'language' && typeof value === 'string') return translate(language, `contacts.languages.${value}`);
  const keyed: Record<string, string> = { stage: 'stages', target: 'targets', invitedChannel: 'channels', messenger: 'targets', method: 'methods', gender: 'genders' };
  if (keyed[field] && typeof value === 'string') return translate(language, `tracking.${keyed[field]}.${value}`);
  if (field === 'kind' && typeof value === 'string') return translate(language, `contacts.kinds.${value}`);
  if (field === 'purposes' && Array.isArray(value)) return value.map((p) => translate(language, `tracking.purposes.${p}`)).join(', ');
  if (typeof value === 'boolean') return translate(language, value ? 'tracking.yes' : 'tracking.no');
  return listText(value);
}

/** The timeline: the history table, plus what imports did (recorded with the imports themselves). */
export function historyView(ctx: ServiceContext, contact: Contact, language: Language): HistoryEntryView[] {
  // Newest first; entries of the same moment keep their order of writing (the sort below is stable).
  const entries: HistoryEntryView[] = ctx.repos.tracking.history(contact.id).reverse().map((entry) => {
    const before = entry.before ?? {};
    const after = entry.after ?? {};
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => f !== 'stageChangedAt');
    const changes = fields.map((field) => ({
      field: translate(language, `tracking.fields.${field}`),
      before: valueText(language, field, before[field]),
      after: valueText(language, field, after[field]),
    }));
    let text = translate(language, `tracking.history.${entry.kind}`, {
      before: valueText(language, entry.kind, before[entry.kind]) ?? translate(language, 'tracking.empty'),
      after: valueText(language, entry.kind, after[entry.kind]) ?? translate(language, 'tracking.empty'),
      other: String(after.mergedFrom ?? ''),
    });
    if (entry.kind === 'stage' && after.invitedChannel) text += ` (${translate(language, 'tracking.history.invitedBy', { channel: valueText(language, 'invitedChannel', after.invitedChannel)! })})`;
    if (entry.kind === 'stage' && after.messenger) text += ` (${translate(language, 'tracking.history.messenger', { messenger: valueText(language, 'messenger', after.messenger)! })})`;
    if (entry.kind === 'stage' && after.letterVersion) text += ` (${translate(language, 'tracking.history.letterVersion', { version: String(after.letterVersion) })})`;
    return { at: entry.at, kind: entry.kind, text, changes: entry.kind === 'stage' || entry.kind === 'target' ? [] : changes };
  });
  const imported = ctx.repos.imports.historyOf(contact.id);
  if (imported.created) {
    entries.push({ at: imported.created.importedAt, kind: 'importCreated', text: translate(language, 'tracking.history.importCreated', { file: imported.created.fileName }), changes: [] });
  }
  for (const { record, before } of imported.updates) {
    const changes = Object.keys(before).map((field) => ({ field: translate(language, `tracking.fields.${field}`), before: valueText(language, field, before[field as keyof typeof before]), after: null }));
    entries.push({ at: record.importedAt, kind: 'importUpdated', text: translate(language, 'tracking.history.importUpdated', { file: record.fileName }), changes });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function contactDetail(ctx: ServiceContext, id: number): ContactDetail {
  const contact = requireContact(ctx, id);
  const language = getSettings(ctx).language;
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
      withdrawnAt: c.withdrawnAt,
      recordedAt: c.recordedAt,
    })),
    history: historyView(ctx, contact, language),
    duplicates: [...others.values()].map((other) => ({ id: other.id, displayName: other.displayName, mobile: other.phones[0]?.e164 ?? other.phones[0]?.raw ?? null })),
    nextStages: [...transitions[contact.stage]],
  };
}

/**
 * Saves the contact form: numbers are read again (E.164, mobile or landline), the display name
 * follows the names unless set, and one history entry lists what changed.
 */
export function updateContact(ctx: ServiceContext, id: number, edit: ContactEdit): Contact {
  const contact = requireContact(ctx, id);
  const region = getSettings(ctx).defaultRegion;
  const phones = edit.phones.map((phone) => {
    const normalized = normalizePhone(phone.raw, region);
    if (!normalized.e164) throw new AppError('invalid_input', 'tracking.errors.invalidPhone', { raw: phone.raw });
    return { raw: phone.raw, e164: normalized.e164, kind: normalized.kind, label: phone.label };
  });
  const displayName =
    edit.displayName ||
    (contact.displayName !== displayNameOf(contact) && contact.displayName ? contact.displayName : null) ||
    displayNameOf({ givenName: edit.givenName, familyName: edit.familyName, organization: edit.organization, fallbacks: [edit.emails[0]?.address, phones[0]?.raw] }) ||
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
  ctx.repos.transaction(() => {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const lists = { phones, emails: edit.emails, addresses: edit.addresses, tags: [...new Set(edit.tags)].sort() };
    const current = { phones: contact.phones, emails: contact.emails, addresses: contact.addresses, tags: contact.tags };
    for (const key of Object.keys(lists) as (keyof typeof lists)[]) {
      if (JSON.stringify(lists[key]) === JSON.stringify(current[key])) continue;
      before[key] = current[key];
      after[key] = lists[key];
    }
    if ('phones' in after) ctx.repos.contacts.replacePhones(id, phones);
    if ('emails' in after) ctx.repos.contacts.replaceEmails(id, edit.emails);
    if ('addresses' in after) ctx.repos.contacts.replaceAddresses(id, edit.addresses);
    if ('tags' in after) ctx.repos.contacts.setTags(id, lists.tags);
    changeContact(ctx, contact, fields, 'fields', null, { before, after });
  });
  return requireContact(ctx, id);
}
