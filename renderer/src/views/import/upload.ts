import { UPLOAD_CHUNK_BYTES } from '../../../../shared/contract/import';
import type { ImportJob } from '../../../../shared/model/import';
import type { AppErrorData } from '../../../../shared/result';
import { send } from '../../api';
import { bytesToBase64 } from '../../base64';

const chunkAsBase64 = async (file: File, offset: number): Promise<string> =>
  bytesToBase64(new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer()));

/**
 * Hands files to the main side in chunks (the same way in the desktop app and the browser), so
 * large files never travel as one message and the progress bar moves.
 */
export async function uploadFiles(
  files: File[],
  onProgress: (done: number, total: number) => void,
): Promise<{ job: ImportJob } | { error: AppErrorData }> {
  const begun = await send('import.begin', { files: files.map((file) => ({ name: file.name, size: file.size })) });
  if (!begun.ok) return { error: begun.error };
  const total = files.reduce((sum, file) => sum + file.size, 0);
  let done = 0;
  for (const [index, file] of files.entries()) {
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      const data = await chunkAsBase64(file, offset);
      const result = await send('import.upload', { jobId: begun.value.jobId, index, offset, data });
      if (!result.ok) return { error: result.error };
      done += Math.min(UPLOAD_CHUNK_BYTES, file.size - offset);
      onProgress(done, total);
    }
  }
  return { job: begun.value };
}
