import type { RequestOutput } from '../../shared/contract';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** What the file is, by its first bytes: the name or the browser's guess may lie. */
function sniff(data: Buffer): string | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** Keeps a signed consent letter (PDF or photo of it) in the database, so a backup holds the proof too. */
export function storeEvidence(
  ctx: ServiceContext,
  fileName: string,
  data: Buffer,
): { id: number; fileName: string; mime: string; size: number } {
  const name = path.basename(fileName);
  if (data.length > MAX_EVIDENCE_BYTES) {
    throw new AppError('too_large', 'tracking.errors.evidenceTooLarge', {
      file: name,
      size: (data.length / 1024 / 1024).toFixed(1),
      limit: MAX_EVIDENCE_BYTES / 1024 / 1024,
    });
  }
  const mime = sniff(data);
  if (!mime) throw new AppError('invalid_input', 'tracking.errors.evidenceType', { file: name });
  const sha256 = createHash('sha256').update(data).digest('hex');
  const id = ctx.repos.tracking.addEvidence({ fileName: name, mime, size: data.length, sha256, data });
  return { id, fileName: name, mime, size: data.length };
}

export function readEvidence(ctx: ServiceContext, id: number): RequestOutput<'evidence.get'> {
  const file = ctx.repos.tracking.evidence(id);
  if (!file) throw new AppError('not_found', 'tracking.errors.evidenceNotFound');
  return { fileName: file.fileName, mime: file.mime, data: file.data.toString('base64') };
}
