import type { consentRequests } from '../../shared/contract/consents';
import type { ValidInput } from '../../shared/contract';
import { prepareConsents, recordConsent, recordConsents, withdrawConsent, type ConsentEvidence } from './consents';
import type { HandlerMap } from './handler-types';

/** The proof as the transport carries it (a scan in base64) into what the service stores. */
const evidenceOf = (evidence: ValidInput<'consents.record'>['evidence']): ConsentEvidence =>
  evidence.kind === 'scan' ? { kind: 'scan', fileName: evidence.fileName, data: Buffer.from(evidence.data, 'base64') } : evidence;

export const consentHandlers: HandlerMap<typeof consentRequests> = {
  'consents.prepare': (ctx, input) => prepareConsents(ctx, input.selection),
  'consents.record': (ctx, { contactId, evidence, ...form }) => recordConsent(ctx, contactId, { ...form, evidence: evidenceOf(evidence) }),
  'consents.recordMany': (ctx, { selection, evidence, ...form }) =>
    recordConsents(ctx, selection, { ...form, evidence: evidenceOf(evidence) }),
  'consents.withdraw': (ctx, input) => withdrawConsent(ctx, input.contactId, input),
};
