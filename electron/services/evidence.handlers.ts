import type { evidenceRequests } from '../../shared/contract/evidence';
import { readEvidence } from './evidence';
import type { HandlerMap } from './handler-types';

export const evidenceHandlers: HandlerMap<typeof evidenceRequests> = {
  'evidence.get': (ctx, input) => readEvidence(ctx, input.id),
};
