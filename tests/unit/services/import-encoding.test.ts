import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/model/import';
import { fixturePath } from '../../helpers/fixtures';
import { call, importSettled as settled, previewImport as preview } from '../../helpers/import-job';
import { testSession } from '../../helpers/session';

type Session = ReturnType<typeof testSession>;

const names = async (session: Session, job: ImportJob) =>
  (await call<{ rows: { displayName: string }[] }>(session, 'import.rows', { jobId: job.jobId, index: 0 })).rows.map(
    (row) => row.displayName,
  );

describe('choosing the encoding of an import', () => {
  it('is offered for text that was not UTF-8, reads the file again as chosen, and imports the right names', async () => {
    const session = testSession();
    const job = await preview(session, 'polen.csv', readFileSync(fixturePath('polish-1250-semicolon.csv')));
    expect(job.files[0]).toMatchObject({ encoding: 'windows-1252', encodingChoice: { chosen: null } });
    expect(await names(session, job)).toEqual(['£ukasz Dvoøák', 'Zofia Œliwiñska']);

    const chosen = await settled(
      session,
      await call<ImportJob>(session, 'import.encoding', { jobId: job.jobId, index: 0, encoding: 'windows-1250' }),
    );
    expect(chosen.files[0]).toMatchObject({ encoding: 'windows-1250', encodingChoice: { chosen: 'windows-1250' } });
    expect(await names(session, chosen)).toEqual(['Łukasz Dvořák', 'Zofia Śliwińska']);

    await call(session, 'import.commit', { jobId: job.jobId });
    expect(
      session.ctx.repos.contacts
        .all()
        .map((c) => c.displayName)
        .sort(),
    ).toEqual(['Zofia Śliwińska', 'Łukasz Dvořák']);
  });

  it('is not offered for UTF-8, and an unknown encoding is refused at the boundary', async () => {
    const session = testSession();
    const job = await preview(session, 'kunden.csv', Buffer.from('Name;Mobil\nJürgen Müller;0171 5550100\n', 'utf8'));
    expect(job.files[0]).toMatchObject({ encoding: 'utf-8', encodingChoice: null });
    expect(await session.dispatch('import.encoding', { jobId: job.jobId, index: 0, encoding: 'koi8-r' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await session.dispatch('import.encoding', { jobId: job.jobId, index: 3, encoding: 'windows-1250' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
