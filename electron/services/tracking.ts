import type { RequestOutput, ValidInput } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import { localToday } from '../../shared/local-date';
import type { Contact, Selection } from '../../shared/model/contact';
import type { Language } from '../../shared/model/settings';
import {
  canTransition,
  recordedByForm,
  stages,
  type Messenger,
  type Stage,
  type StageChange,
  type Target,
} from '../../shared/model/tracking';
import type { ContactFields } from '../db/repositories/contacts';
import type { HistoryEntry } from '../db/repositories/tracking';
import { backupBefore } from './backups';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { selectionIds } from './contacts';
import { messageLanguage } from './settings';

/** The office computer's local date, YYYY-MM-DD (never the UTC one). */
export const today = (): string => localToday();
/** This moment, as stored with stage changes (UTC). */
export const now = (): string => new Date().toISOString();

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
      // The target the invitation asked for is kept with it; one the office set before stays.
      if (change.target && !contact.target) fields.target = change.target;
      break;
    case 'switched': {
      const messenger: Messenger | null =
        change.messenger ??
        (contact.target && !['whatsapp_consent', 'phone_email'].includes(contact.target) ? (contact.target as Messenger) : null);
      fields.switchedAt = date;
      fields.messenger = messenger;
      if (messenger && !contact.target) fields.target = messenger;
      // Nobody invited a contact who is switched straight from "new": they were there already.
      if (change.channel) fields.invitedChannel = change.channel;
      else if (contact.stage === 'new') fields.invitedChannel = 'already_there';
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

/** Consent given or withdrawn is recorded through the consent form (see consents.ts), never as a bare stage. */
function refuseStageWithoutForm(stage: Stage): void {
  if (recordedByForm(stage))
    throw new AppError('conflict', stage === 'consent_given' ? 'tracking.errors.consentNeedsForm' : 'tracking.errors.withdrawalNeedsForm');
}

/** Moves a contact along its way; a step the rules do not allow is refused, not stored. */
export function setStage(ctx: ServiceContext, id: number, change: StageChange, operationId: number | null = null): Contact {
  refuseStageWithoutForm(change.stage);
  const contact = requireContact(ctx, id);
  if (!canTransition(contact.stage, change.stage)) {
    const language = messageLanguage(ctx);
    throw new AppError('conflict', 'tracking.errors.transitionRefused', {
      name: contact.displayName,
      from: stageName(language, contact.stage),
      to: stageName(language, change.stage),
    });
  }
  ctx.repos.transaction(() => changeContact(ctx, contact, stageFields(contact, change), 'stage', operationId));
  return requireContact(ctx, id);
}

export function setTarget(
  ctx: ServiceContext,
  id: number,
  target: Target | null,
  messengerId?: string | null,
  operationId: number | null = null,
): Contact {
  const contact = requireContact(ctx, id);
  const fields: Partial<ContactFields> = { target };
  if (messengerId !== undefined) fields.messengerId = messengerId;
  ctx.repos.transaction(() => changeContact(ctx, contact, fields, 'target', operationId));
  return requireContact(ctx, id);
}

export type BulkAction = ValidInput<'contacts.bulk'>['action'];

/** One operation over several contacts; skippedReasons: why some were left as they were (the first few, in words). */
export type BulkResult = RequestOutput<'contacts.bulk'>;

/** Why a contact cannot take a step, in words ("„Klaus Bauer“ kann nicht von „Gewechselt“ zu „Eingeladen“ wechseln."). */
const transitionRefusal = (language: Language, contact: Pick<Contact, 'displayName' | 'stage'>, to: Stage): string =>
  translate(language, 'tracking.errors.transitionRefused', {
    name: contact.displayName,
    from: stageName(language, contact.stage),
    to: stageName(language, to),
  });

/** A step the selection can take: how many can take it, and why the others cannot (the first few, in words). */
type StageOptions = RequestOutput<'contacts.stageOptions'>;

/**
 * The steps a selection can take, each with how many contacts can take it and why the others
 * cannot: the bulk menu offers what is possible for everyone, and asks before a step only some can take.
 */
export function stageOptions(ctx: ServiceContext, selection: Selection): StageOptions {
  const language = messageLanguage(ctx);
  const contacts = ctx.repos.contactList.stagesOf(selectionIds(ctx, selection));
  const steps = stages
    .filter((stage) => stage !== 'new')
    .map((stage) => {
      let possible = 0;
      const refused: string[] = [];
      for (const contact of contacts) {
        if (canTransition(contact.stage, stage)) possible += 1;
        else if (refused.length < 5) refused.push(transitionRefusal(language, contact, stage));
      }
      return { stage, possible, refused };
    });
  return { count: contacts.length, steps };
}

/** One action on many contacts, as one operation that can be undone as a whole. */
export function bulkChange(ctx: ServiceContext, selection: Selection, action: BulkAction): BulkResult {
  if (action.kind === 'setStage') refuseStageWithoutForm(action.change.stage);
  const ids = selectionIds(ctx, selection);
  const language = messageLanguage(ctx);
  // Several contacts to the bin at once: a backup first (one contact's delete is undone from the bin).
  if (action.kind === 'delete' && ids.length > 1) backupBefore(ctx, 'vor-Loeschen');
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
            if (skippedReasons.length < 5) skippedReasons.push(transitionRefusal(language, contact, action.change.stage));
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
          const tags =
            action.kind === 'addTag' ? [...new Set([...contact.tags, action.tag])].sort() : contact.tags.filter((t) => t !== action.tag);
          if (JSON.stringify(tags) === JSON.stringify(contact.tags)) break;
          ctx.repos.contacts.setTags(id, tags);
          ctx.repos.tracking.addHistory({ contactId: id, kind: 'tags', before: { tags: contact.tags }, after: { tags }, operationId });
          did = true;
          break;
        }
        case 'delete':
          ctx.repos.contacts.setDeleted([id], true);
          ctx.repos.tracking.addHistory({
            contactId: id,
            kind: 'deleted',
            before: { deleted: false },
            after: { deleted: true },
            operationId,
          });
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
      if (entry.kind === 'consent') {
        if (undoConsent(ctx, contact, entry)) restored += 1;
        else keptBecauseChanged += 1;
        continue;
      }
      if (!unchangedSince(contact, Object.keys(after), after)) {
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

/** Whether these fields of the contact still hold what an operation left in them (else an undo leaves it alone). */
const unchangedSince = (contact: Contact, fields: string[], after: Record<string, unknown>): boolean =>
  fields.every(
    (field) => JSON.stringify(historyValue(contact, field as keyof ContactFields) ?? null) === JSON.stringify(after[field] ?? null),
  );

/**
 * Takes back consents a bulk form recorded by mistake: they go (with their scan, when nothing else
 * uses it), and the contact returns to what it was, unless a consent has been withdrawn or the contact
 * was changed since (then it stays as it is).
 */
function undoConsent(ctx: ServiceContext, contact: Contact, entry: HistoryEntry): boolean {
  const ids = (entry.after?.consentIds as number[] | undefined) ?? [];
  const consents = ctx.repos.tracking.consents(contact.id).filter((consent) => ids.includes(consent.id));
  const before = (entry.before ?? {}) as Partial<ContactFields>;
  if (
    consents.length !== ids.length ||
    consents.some((consent) => consent.withdrawnAt) ||
    !unchangedSince(contact, Object.keys(before), entry.after ?? {})
  )
    return false;
  for (const consent of consents) ctx.repos.tracking.deleteConsent(consent.id);
  for (const evidenceId of new Set(consents.flatMap((consent) => (consent.evidenceId ? [consent.evidenceId] : []))))
    ctx.repos.tracking.deleteEvidenceIfUnused(evidenceId);
  changeContact(ctx, contact, before, 'undo', null, { after: { consentsRemoved: consents.map((c) => c.purpose) } });
  return true;
}

/**
 * Erases contacts deleted more than 30 days ago, with their numbers, history, consents and evidence
 * links (GDPR Art. 17: deleted must mean gone once the chance to undo has passed). Runs when a session
 * opens; returns how many went. The work is erasure's (see erasure.ts): the same as an erasure on request.
 */
