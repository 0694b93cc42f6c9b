import type { RequestName, RequestOutput, ValidInput } from '../../shared/contract';
import { appInfo } from './app';
import { contactDetail, updateContact } from './contact-detail';
import { countContacts, listContacts } from './contacts';
import { dashboard } from './dashboard';
import { keepApart, mergeContacts, undoKeepApart } from './duplicates';
import { readEvidence } from './evidence';
import { prepareConsents, recordConsent, recordConsents, withdrawConsent, type ConsentEvidence } from './consents';
import type { ServiceContext } from './context';
import { importRecords, undoImport } from './import';
import { getSettings, updateSettings } from './settings';
import { getProfile, updateProfile } from './profile';
import { previewLetters, printLettersWithDialog } from './letters';
import { invitationForContact } from './invitations';
import { getTemplates, previewTemplate, resetTemplate, saveTemplate } from './templates';
import { consentedContacts } from './export';
import { toVcard } from '../exporters/vcard';
import { missingProfileFields } from '../../shared/model/profile';
import { bulkChange, selectionIds, setStage, setTarget, stageOptions, today, undoOperation } from './tracking';

export type Handler<K extends RequestName> = (
  ctx: ServiceContext,
  input: ValidInput<K>,
) => RequestOutput<K> | Promise<RequestOutput<K>>;

export type Handlers = { [K in RequestName]: Handler<K> };

/** The proof as the transport carries it (a scan in base64) into what the service stores. */
const evidenceOf = (evidence: ValidInput<'consents.record'>['evidence']): ConsentEvidence =>
  evidence.kind === 'scan' ? { kind: 'scan', fileName: evidence.fileName, data: Buffer.from(evidence.data, 'base64') } : evidence;

/** One handler per contract entry; the compiler refuses a missing or extra one. */
export const handlers: Handlers = {
  'app.info': (ctx) => appInfo(ctx),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, patch) => updateSettings(ctx, patch),
  'profile.get': (ctx) => {
    const profile = getProfile(ctx);
    return { profile, missing: missingProfileFields(profile) };
  },
  'invitations.forContact': (ctx, { id, target }) => invitationForContact(ctx, id, target),
  'invitations.queue': (ctx, { selection }) => ({ ids: selectionIds(ctx, selection) }),
  'templates.get': (ctx) => getTemplates(ctx),
  'templates.save': (ctx, { template, ...key }) => saveTemplate(ctx, key, template),
  'templates.reset': (ctx, key) => resetTemplate(ctx, key),
  'templates.preview': (ctx, { contactId, template, ...key }) => previewTemplate(ctx, contactId, key, template),
  'export.consented': (ctx) => {
    const contacts = consentedContacts(ctx);
    return { fileName: `Firmenhandy-Einwilligungen-${today()}.vcf`, data: Buffer.from(toVcard(contacts)).toString('base64'), count: contacts.length };
  },
  'letters.preview': (ctx, { selection, ...options }) => previewLetters(ctx, selection, options),
  'letters.printDialog': (ctx, { selection, ...options }) => printLettersWithDialog(ctx, selection, options),
  'letters.start': (ctx, { selection, ...options }) => ({ jobId: ctx.letterJobs.start(ctx, selection, options) }),
  'letters.status': (ctx, { jobId }) => ctx.letterJobs.status(jobId),
  'letters.delivered': (ctx, { jobId }) => ctx.letterJobs.delivered(jobId),
  'profile.update': (ctx, patch) => {
    const profile = updateProfile(ctx, patch);
    return { profile, missing: missingProfileFields(profile) };
  },
  'contacts.count': (ctx) => countContacts(ctx),
  'contacts.list': (ctx, input) => listContacts(ctx, input),
  'contacts.get': (ctx, input) => contactDetail(ctx, input.id),
  'contacts.update': (ctx, input) => updateContact(ctx, input.id, input.edit),
  'contacts.setStage': (ctx, input) => setStage(ctx, input.id, input.change),
  'contacts.setTarget': (ctx, input) => setTarget(ctx, input.id, input.target, input.messengerId),
  'contacts.tags': (ctx) => ctx.repos.contacts.allTags(),
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
  'consents.prepare': (ctx, input) => prepareConsents(ctx, input.selection),
  'consents.record': (ctx, { contactId, evidence, ...form }) => recordConsent(ctx, contactId, { ...form, evidence: evidenceOf(evidence) }),
  'consents.recordMany': (ctx, { selection, evidence, ...form }) => recordConsents(ctx, selection, { ...form, evidence: evidenceOf(evidence) }),
  'consents.withdraw': (ctx, input) => withdrawConsent(ctx, input.contactId, input),
  'evidence.get': (ctx, input) => readEvidence(ctx, input.id),
  'dashboard.get': (ctx) => dashboard(ctx),
  'import.begin': (ctx, input) => ctx.importJobs.begin(input.files),
  'import.upload': (ctx, input) => ctx.importJobs.upload(input.jobId, input.index, input.offset, Buffer.from(input.data, 'base64')),
  'import.analyse': (ctx, input) => ctx.importJobs.analyse(ctx, input.jobId),
  'import.status': (ctx, input) => ctx.importJobs.status(ctx, input.jobId),
  'import.rows': (ctx, input) => ctx.importJobs.rows(ctx, input),
  'import.map': (ctx, input) => ctx.importJobs.remap(ctx, input.jobId, input.index, input.mapping, input.remember),
  'import.encoding': (ctx, input) => ctx.importJobs.setEncoding(ctx, input.jobId, input.index, input.encoding),
  'import.decide': (ctx, { jobId, index, decision, rows, action }) => ctx.importJobs.decide(ctx, jobId, index, decision, { rows, action }),
  'import.commit': (ctx, input) => ctx.importJobs.commit(ctx, input.jobId),
  'import.cancel': (ctx, input) => {
    ctx.importJobs.cancel(input.jobId);
    return {};
  },
  'import.history': (ctx) => importRecords(ctx),
  'import.undo': (ctx, input) => undoImport(ctx, input.importId),
};
