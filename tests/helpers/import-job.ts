import type { ImportJob } from '../../shared/model/import';
import type { testSession } from './session';

type Session = ReturnType<typeof testSession>;

/** A request through the dispatcher, as every adapter makes it; a refusal fails the test with its message. */
export async function call<T>(session: Session, name: string, input: unknown): Promise<T> {
  const result = await session.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** Uploads a file as the UI does and waits for its preview. */
export async function previewImport(session: Session, name: string, bytes: Buffer): Promise<ImportJob> {
  const job = await call<ImportJob>(session, 'import.begin', { files: [{ name, size: bytes.length }] });
  await call(session, 'import.upload', { jobId: job.jobId, index: 0, offset: 0, data: bytes.toString('base64') });
  return importSettled(session, await call<ImportJob>(session, 'import.analyse', { jobId: job.jobId }));
}

/** The job once its files are read (the UI polls the same way). */
export async function importSettled(session: Session, job: ImportJob): Promise<ImportJob> {
  let current = job;
  while (current.state === 'analysing') {
    await new Promise((resolve) => setTimeout(resolve, 10));
    current = await call<ImportJob>(session, 'import.status', { jobId: job.jobId });
  }
  return current;
}
