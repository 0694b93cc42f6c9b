import type { contactRequests } from '../../shared/contract/contacts';
import { accessReportFile } from './access-report';
import { contactDetail, createContact, updateContact } from './contact-detail';
import { allTags, binContacts, countContacts, eraseFromBin, listContacts, restoreContact } from './contacts';
import { keepApart, mergeContacts, undoKeepApart } from './duplicates';
import { eraseContact } from './erasure';
import type { HandlerMap } from './handler-types';
import { bulkChange, setStage, setTarget, stageOptions, undoOperation } from './tracking';

/**
 * The contact list and one contact: reading (contacts.ts, contact-detail.ts), its way from stage to
 * stage alone or in bulk (tracking.ts), duplicates (duplicates.ts), and the person's requests under
 * GDPR Art. 15 and 17 (access-report.ts, erasure.ts).
 */
export const contactHandlers: HandlerMap<typeof contactRequests> = {
  'contacts.count': (ctx) => countContacts(ctx),
  'contacts.list': (ctx, input) => listContacts(ctx, input),
  'contacts.get': (ctx, input) => contactDetail(ctx, input.id),
  'contacts.update': (ctx, input) => updateContact(ctx, input.id, input.edit),
  'contacts.setStage': (ctx, input) => setStage(ctx, input.id, input.change),
  'contacts.setTarget': (ctx, input) => setTarget(ctx, input.id, input.target, input.messengerId),
  'contacts.tags': (ctx) => allTags(ctx),
  'contacts.bulk': (ctx, input) => bulkChange(ctx, input.selection, input.action),
  'contacts.stageOptions': (ctx, input) => stageOptions(ctx, input.selection),
  'contacts.undoBulk': (ctx, input) => undoOperation(ctx, input.operationId),
  'contacts.merge': (ctx, input) => mergeContacts(ctx, input.keepId, input.otherId),
  'contacts.keepApart': (ctx, input) => {
    keepApart(ctx, input.id, input.otherId);
    return {};
  },
  'contacts.undoKeepApart': (ctx, input) => {
    undoKeepApart(ctx, input.id, input.otherId);
    return {};
  },
  'contacts.create': (ctx, input) => createContact(ctx, input.edit, input.evenIfDuplicate),
  'contacts.deleted': (ctx, input) => binContacts(ctx, input.limit),
  'contacts.restore': (ctx, input) => restoreContact(ctx, input.id),
  'contacts.eraseFromBin': (ctx, input) => eraseFromBin(ctx, input.id),
  'contacts.accessReport': (ctx, input) => accessReportFile(ctx, input.id, input.format),
  'contacts.erase': (ctx, input) => eraseContact(ctx, input.id, new Date(), { keepWithdrawnEvidence: input.keepWithdrawnEvidence }),
};
