import { translate } from '../../shared/i18n';
import type { Contact, ContactLanguage, Selection } from '../../shared/model/contact';
import type { Language } from '../../shared/model/settings';
import { canTransition, type Messenger, type Purpose, type Stage, type StageChange, type Target } from '../../shared/model/tracking';
import type { ContactFields } from '../db/repositories/contacts';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { contactQuery } from './contacts';
import { getSettings } from './settings';

export const today = (): string => new Date().toISOString().slice(0, 10);
const now = (): string => new Date().toISOString();

const languageOf = (ctx: ServiceContext): Language => getSettings(ctx).language;
const stageName = (language: Language, stage: Stage) => translate(language, `tracking.stages.${stage}`);

export function requireContact(ctx: ServiceContext, id: number): Contact {
  const contact = ctx.repos.contacts.byIds([id]).get(id);
  if (!contact) throw new AppError('not_found', 'tracking.errors.contactNotFound');
  return contact;
}

/** A field's value as history keeps it: lists become text, so before and after read like the form. */
function historyValue(contact: Contact, field: keyof ContactFields | 'tags'): unknown {
  return field === 'tags' ? contact.tags : contact[field as keyof Contact];
}

/**
 * Changes fields of one contact and writes exactly one history entry with what they were and
 * what they are now (only the fields that really change). Returns false when nothing changed.
 */
export function changeContact(
  ctx: ServiceContext,
  contact: Contact,
  fields: Partial<ContactFields>,
  kind: string,
  operationId: number | null = null,
  extra: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
): boolean {
  const before: Record<string, unknown> = { ...extra.before };
  const after: Record<string, unknown> = { ...extra.after };
  const changed: Partial<ContactFields> = {};
  for (const [key, value] of Object.entries(fields) as [keyof ContactFields, unknown][]) {
    const old = historyValue(contact, key) ?? null;
    if (JSON.stringify(old) === JSON.stringify(value ?? null)) continue;
    (changed as Record<string, unknown>)[key] = value;
    before[key] = old;
    after[key] = value ?? null;
  }
  if (Object.keys(after).length === 0) return false;
  if (Object.keys(changed).length > 0) ctx.repos.contacts.updateFields(contact.id, changed);
  else ctx.repos.contacts.touch(contact.id);
  ctx.repos.tracking.addHistory({ contactId: contact.id, kind, before, after, operationId });
  return true;
}

/** The fields a stage change sets beside the stage itself (its date, channel, messenger, letter). */
function stageFields(contact: Contact, change: StageChange): Partial<ContactFields> {
  const date = change.date ?? today();
  const fields: Partial<ContactFields> = { stage: change.stage, stageChangedAt: now() };
  switch (change.stage) {
    case 'invited':
      fields.invitedAt = date;
      fields.invitedChannel = change.channel ?? contact.invitedChannel ?? null;
      break;
    case 'switched': {
      const messenger: Messenger | null = change.messenger ?? (contact.target && !['whatsapp_consent', 'phone_email'].includes(contact.target) ? (contact.target as Messenger) : null);
      fields.switchedAt = date;
      fields.messenger = messenger;
      if (messenger && !contact.target) fields.target = messenger;
      break;
    }
    case 'consent_requested':
      fields.letterSentAt = date;
      fields.letterVersion = change.letterVersion ?? contact.letterVersion;
      if (!contact.target) fields.target = 'whatsapp_consent';
      break;
    case 'phone_email_only':
      if (!contact.target) fields.target = 'phone_email';
      break;
  }
  return fields;
}

/** Moves a contact along its way; a step the rules do not allow is refused, not stored. */
export function setStage(ctx: ServiceContext, id: number, change: StageChange, operationId: number | null = null): Contact {
  const contact = requireContact(ctx, id);
  if (!canTransition(contact.stage, change.stage)) {
    const language = languageOf(ctx);
    throw new AppError('conflict', 'tracking.errors.transitionRefused', { name: contact.displayName, from: stageName(language, contact.stage), to: stageName(language, change.stage) });
  }
  ctx.repos.transaction(() => changeContact(ctx, contact, stageFields(contact, change), 'stage', operationId));
  return requireContact(ctx, id);
}

export function setTarget(ctx: ServiceContext, id: number, target: Target | null, messengerId?: string | null, operationId: number | null = null): Contact {
  const contact = requireContact(ctx, id);
  const fields: Partial<ContactFields> = { target };
  if (messengerId !== undefined) fields.messengerId = messengerId;
  ctx.repos.transaction(() => changeContact(ctx, contact, fields, 'target', operationId));
  return requireContact(ctx, id);
}

export interface ConsentInput {
  purposes: Purpose[];
  givenAt: string;
  textVersion: string;
  method: 'signed_letter' | 'email' | 'in_person';
  evidenceId?: number | null;
}

/**
 * Records a consent per purpose (with the version of the text consented to and its proof) and
 * moves the contact to "consent given"; one history entry says all of it.
 */
export function recordConsent(ctx: ServiceContext, id: number, input: ConsentInput): Contact {
  const contact = requireContact(ctx, id);
  if (contact.stage !== 'consent_given' && !canTransition(contact.stage, 'consent_given')) {
    throw new AppError('conflict', 'tracking.errors.consentNotPossible', { name: contact.displayName, stage: stageName(languageOf(ctx), contact.stage) });
  }
  if (input.evidenceId != null && !ctx.repos.tracking.evidence(input.evidenceId)) throw new AppError('not_found', 'tracking.errors.evidenceNotFound');
  ctx.repos.transaction(() => {
    for (const purpose of input.purposes) {
      ctx.repos.tracking.addConsent({ contactId: id, purpose, givenAt: input.givenAt, textVersion: input.textVersion, method: input.method, evidenceId: input.evidenceId ?? null });
    }
    const evidence = input.evidenceId != null ? ctx.repos.tracking.evidenceInfo([input.evidenceId]).get(input.evidenceId)?.fileName : undefined;
    const fields: Partial<ContactFields> = contact.stage === 'consent_given' ? {} : { stage: 'consent_given', stageChangedAt: now() };
    if (!contact.target) fields.target = 'whatsapp_consent';
    changeContact(ctx, contact, fields, 'consent', null, {
      after: { purposes: input.purposes, givenAt: input.givenAt, textVersion: input.textVersion, method: input.method, ...(evidence ? { evidence } : {}) },
    });
  });
  return requireContact(ctx, id);
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

export type BulkAction =
  | { kind: 'setStage'; change: StageChange }
  | { kind: 'setTarget'; target: Target | null }
  | { kind: 'setLanguage'; language: ContactLanguage }
  | { kind: 'setFormal'; formal: boolean | null }
  | { kind: 'addTag'; tag: string }
  | { kind: 'removeTag'; tag: string }
  | { kind: 'delete' };

export interface BulkResult {
  operationId: number;
  changed: number;
  skipped: number;
  /** Why some were left as they were (the first few, in words). */
  skippedReasons: string[];
}

export function selectionIds(ctx: ServiceContext, selection: Selection): number[] {
  if ('ids' in selection) return [...new Set(selection.ids)];
  const except = new Set(selection.except ?? []);
  return ctx.repos.contactQuery.ids({ ...contactQuery(ctx), ...selection.filter, search: selection.filter.search ?? '' }).filter((id) => !except.has(id));
}

/** One action on many contacts, as one operation that can be undone as a whole. */
export function bulkChange(ctx: ServiceContext, selection: Selection, action: BulkAction): BulkResult {
  const ids = selectionIds(ctx, selection);
  const language = languageOf(ctx);
  return ctx.repos.transaction(() => {
    const operationId = ctx.repos.tracking.createOperation(action.kind, ids.length);
    let changed = 0;
    const skippedReasons: string[] = [];
    let skipped = 0;
    const contacts = ctx.repos.contacts.byIds(ids);
    for (const id of ids) {
      const contact = contacts.get(id);
      if (!contact) continue;
      let did = false;
      switch (action.kind) {
        case 'setStage':
          if (!canTransition(contact.stage, action.change.stage)) {
            skipped += 1;
            if (skippedReasons.length < 5) skippedReasons.push(translate(language, 'tracking.errors.transitionRefused', { name: contact.displayName, from: stageName(language, contact.stage), to: stageName(language, action.change.stage) }));
            continue;
          }
          did = changeContact(ctx, contact, stageFields(contact, action.change), 'stage', operationId);
          break;
        case 'setTarget':
          did = changeContact(ctx, contact, { target: action.target }, 'target', operationId);
          break;
        case 'setLanguage':
          did = changeContact(ctx, contact, { language: action.language }, 'fields', operationId);
          break;
        case 'setFormal':
          did = changeContact(ctx, contact, { formal: action.formal }, 'fields', operationId);
          break;
        case 'addTag':
        case 'removeTag': {
          const tags = action.kind === 'addTag' ? [...new Set([...contact.tags, action.tag])].sort() : contact.tags.filter((t) => t !== action.tag);
          if (JSON.stringify(tags) === JSON.stringify(contact.tags)) break;
          ctx.repos.contacts.setTags(id, tags);
          ctx.repos.tracking.addHistory({ contactId: id, kind: 'tags', before: { tags: contact.tags }, after: { tags }, operationId });
          did = true;
          break;
        }
        case 'delete':
          ctx.repos.contacts.setDeleted([id], true);
          ctx.repos.tracking.addHistory({ contactId: id, kind: 'deleted', before: { deleted: false }, after: { deleted: true }, operationId });
          did = true;
          break;
      }
      if (did) changed += 1;
    }
    return { operationId, changed, skipped, skippedReasons };
  });
}

/**
 * Takes a bulk operation back: every contact it changed returns to what it was, unless it has
 * been changed again since (that contact is left alone and counted).
 */
export function undoOperation(ctx: ServiceContext, operationId: number): { restored: number; keptBecauseChanged: number } {
  const operation = ctx.repos.tracking.operation(operationId);
  if (!operation) throw new AppError('not_found', 'tracking.errors.operationNotFound');
  if (operation.undoneAt) throw new AppError('conflict', 'tracking.errors.operationUndone');
  return ctx.repos.transaction(() => {
    let restored = 0;
    let keptBecauseChanged = 0;
    for (const entry of ctx.repos.tracking.historyOfOperation(operationId).reverse()) {
      const after = entry.after ?? {};
      const before = entry.before ?? {};
      if (entry.kind === 'deleted') {
        ctx.repos.contacts.setDeleted([entry.contactId], false);
        ctx.repos.tracking.addHistory({ contactId: entry.contactId, kind: 'restored', before: after, after: before, operationId: null });
        restored += 1;
        continue;
      }
      const contact = ctx.repos.contacts.byIds([entry.contactId]).get(entry.contactId);
      if (!contact) continue;
      const current = Object.fromEntries(Object.keys(after).map((key) => [key, historyValue(contact, key as keyof ContactFields) ?? null]));
      if (JSON.stringify(current) !== JSON.stringify(after)) {
        keptBecauseChanged += 1;
        continue;
      }
      if (entry.kind === 'tags') {
        ctx.repos.contacts.setTags(contact.id, (before.tags as string[]) ?? []);
        ctx.repos.tracking.addHistory({ contactId: contact.id, kind: 'undo', before: after, after: before });
      } else {
        changeContact(ctx, contact, before as Partial<ContactFields>, 'undo');
      }
      restored += 1;
    }
    ctx.repos.tracking.markOperationUndone(operationId);
    return { restored, keptBecauseChanged };
  });
}

/** How long a deleted contact can be brought back (undo) before it is erased for good. */
export const DELETED_CONTACTS_KEPT_DAYS = 30;

/**
 * Erases contacts deleted more than 30 days ago, with their numbers, history, consents and evidence
 * links (GDPR Art. 17: deleted must mean gone once the chance to undo has passed). Runs when a session
 * opens; returns how many went.
 */
export function purgeDeletedContacts(ctx: ServiceContext, now = new Date()): number {
  const before = new Date(now.getTime() - DELETED_CONTACTS_KEPT_DAYS * 86_400_000).toISOString();
  return ctx.repos.transaction(() => ctx.repos.contacts.purgeDeletedBefore(before));
}
