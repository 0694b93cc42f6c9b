import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { createSessionContext } from '../../../electron/services/session';
import { createDispatcher } from '../../../electron/services/dispatch';
import { KEEP_FINISHED_MS, LetterJobs } from '../../../electron/services/letter-jobs';
import { lettersPerPart } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

const address = { street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', country: null, region: null, label: null };

/** Follows a job until its PDF is handed out. */
async function finish(session: ReturnType<typeof testSession>, jobId: number) {
  const seen: string[] = [];
  for (;;) {
    const status = session.ctx.letterJobs.status(jobId);
    seen.push(`${status.state} ${status.done}/${status.total}`);
    if (status.result) return { result: status.result, seen };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const stages = (session: ReturnType<typeof testSession>, ids: number[]) =>
  [...session.ctx.repos.contacts.byIds(ids).values()].map((c) => c.stage);

describe('letters printed in the background', () => {
  it('reports progress, hands out the PDF, and marks the contacts only when the page confirms it saved it', async () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const ids = [1, 2, 3].map((i) =>
      session.ctx.repos.contacts.insert({ displayName: `Kunde ${i}`, familyName: `Kunde ${i}`, addresses: [address] }),
    );
    const jobId = session.ctx.letterJobs.start(session.ctx, { ids }, { form: 'B' });
    const { result, seen } = await finish(session, jobId);
    expect(seen[0]).toMatch(/^running /);
    // Two documents: the three letters' personal parts, and their shared parts (one kind of letter).
    expect(seen.at(-1)).toBe('done 2/2');
    expect(result.fileName).toMatch(/^Einwilligungsbriefe-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(Buffer.from(result.data!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // Handed out, not yet saved (the tab may close while the PDF travels): nobody is marked, the job stays.
    expect(stages(session, ids)).toEqual(['new', 'new', 'new']);
    expect(session.ctx.letterJobs.status(jobId).result).toEqual(result);

    expect(session.ctx.letterJobs.delivered(jobId)).toMatchObject({ printed: 3, marked: 3, withoutAddress: [] });
    expect(stages(session, ids)).toEqual(['consent_requested', 'consent_requested', 'consent_requested']);
    // Confirmed, the job is gone with its PDF: a second confirmation marks nothing twice.
    expect(() => session.ctx.letterJobs.status(jobId)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => session.ctx.letterJobs.delivered(jobId)).toThrow(expect.objectContaining({ code: 'not_found' }));
  }, 60_000);

  it('passes a printing failure on once, and marks nobody', async () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const id = session.ctx.repos.contacts.insert({ displayName: 'Kunde', familyName: 'Kunde', addresses: [address] });
    session.ctx.openPrinter = async () => ({
      print: async () => {
        throw new Error('printer on fire');
      },
      close: async () => undefined,
    });
    const jobId = session.ctx.letterJobs.start(session.ctx, { ids: [id] }, { form: 'B' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(() => session.ctx.letterJobs.status(jobId)).toThrow('printer on fire');
    expect(session.ctx.repos.contacts.byIds([id]).get(id)!.stage).toBe('new');
  });
});

/** Resolves once the job's printer was closed: the PDF is made and the job is about to count as finished. */
function printerClosed(session: ReturnType<typeof testSession>): Promise<void> {
  const open = session.ctx.openPrinter;
  return new Promise((resolve) => {
    session.ctx.openPrinter = async () => {
      const printer = await open();
      return {
        print: (html) => printer.print(html),
        close: async () => {
          await printer.close();
          // The job takes the finished PDF a few promise steps after the printer closed.
          setTimeout(resolve, 50);
        },
      };
    };
  });
}

describe('letters delivered, not just printed', () => {
  it('marks nobody while the job is printing, nor when the finished PDF is only handed out', async () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const ids = [1, 2].map((i) =>
      session.ctx.repos.contacts.insert({ displayName: `Kunde ${i}`, familyName: `Kunde ${i}`, addresses: [address] }),
    );
    const closed = printerClosed(session);
    const jobId = session.ctx.letterJobs.start(session.ctx, { ids }, { form: 'B' });
    expect(() => session.ctx.letterJobs.delivered(jobId)).toThrow(expect.objectContaining({ code: 'conflict' }));
    await closed;
    // Printed, not fetched (the tab may be closing): nobody is marked yet.
    expect(stages(session, ids)).toEqual(['new', 'new']);
    const { result } = session.ctx.letterJobs.status(jobId);
    expect(Buffer.from(result!.data!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(stages(session, ids)).toEqual(['new', 'new']);
    expect(session.ctx.letterJobs.delivered(jobId)).toMatchObject({ printed: 2, marked: 2 });
    expect(stages(session, ids)).toEqual(['consent_requested', 'consent_requested']);
  }, 60_000);

  it('drops a job after ten minutes without a confirmation, fetched or not, with its PDF, and marks nobody', async () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const [confirmed, fetchedOnly, forgotten] = ['Bestätigt', 'Abgeholt', 'Vergessen'].map((name) =>
      session.ctx.repos.contacts.insert({ displayName: name, familyName: name, addresses: [address] }),
    );
    let now = Date.parse('2026-11-26T09:00:00Z');
    session.ctx.letterJobs = new LetterJobs({ now: () => now });
    const printed = async (id: number) => {
      const closed = printerClosed(session);
      const jobId = session.ctx.letterJobs.start(session.ctx, { ids: [id] }, { form: 'B' });
      await closed;
      return jobId;
    };

    const inTime = await printed(confirmed!);
    now += KEEP_FINISHED_MS - 1000;
    expect(session.ctx.letterJobs.status(inTime).result).toBeTruthy();
    expect(session.ctx.letterJobs.delivered(inTime)).toMatchObject({ printed: 1, marked: 1 });

    // The tab fetched the PDF and was closed before it could save it: no confirmation comes.
    const closedTab = await printed(fetchedOnly!);
    const leftAlone = await printed(forgotten!);
    expect(session.ctx.letterJobs.status(closedTab).result).toBeTruthy();
    now += KEEP_FINISHED_MS;
    for (const jobId of [closedTab, leftAlone]) {
      expect(() => session.ctx.letterJobs.status(jobId)).toThrow(expect.objectContaining({ code: 'not_found' }));
      expect(() => session.ctx.letterJobs.delivered(jobId)).toThrow(expect.objectContaining({ code: 'not_found' }));
    }
    expect(stages(session, [confirmed!, fetchedOnly!, forgotten!])).toEqual(['consent_requested', 'new', 'new']);
  }, 60_000);

  it('keeps the job when the marking fails (the database is locked), so that the office can confirm again', async () => {
    const path = tempDatabasePath();
    const opened = openDatabase(path);
    // No waiting for the other writer: its lock answers at once.
    opened.db.pragma('busy_timeout = 0');
    const ctx = createSessionContext(opened, 'browser');
    const dispatch = createDispatcher(ctx, () => undefined);
    try {
      updateProfile(ctx, completeProfile);
      const ids = [1, 2].map((i) =>
        ctx.repos.contacts.insert({ displayName: `Kunde ${i}`, familyName: `Kunde ${i}`, addresses: [address] }),
      );
      const started = await dispatch('letters.start', { selection: { ids } });
      const jobId = (started as { ok: true; value: { jobId: number } }).value.jobId;
      const statusOf = async () => (await dispatch('letters.status', { jobId })) as { ok: boolean; value?: { result: unknown } };
      let status = await statusOf();
      while (status.ok && !status.value?.result) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await statusOf();
      }
      expect(status).toMatchObject({ ok: true, value: { state: 'done', result: { data: expect.stringMatching(/^JVBERi0/) } } });

      const other = new BetterSqlite3(path);
      other.exec('BEGIN IMMEDIATE');
      const locked = await dispatch('letters.delivered', { jobId });
      other.exec('ROLLBACK');
      other.close();
      expect(locked).toEqual({
        ok: false,
        error: { code: 'database_busy', message: expect.stringContaining(`Die Datenbank „${path}“ ist gerade gesperrt`) },
      });
      expect([...ctx.repos.contacts.byIds(ids).values()].map((c) => c.stage)).toEqual(['new', 'new']);

      // The PDF is still there, and the second confirmation marks them.
      expect(await dispatch('letters.status', { jobId })).toEqual(status);
      expect(await dispatch('letters.delivered', { jobId })).toMatchObject({
        ok: true,
        value: { printed: 2, marked: 2, operationId: expect.any(Number) },
      });
      expect([...ctx.repos.contacts.byIds(ids).values()].map((c) => c.stage)).toEqual(['consent_requested', 'consent_requested']);
      expect(await dispatch('letters.delivered', { jobId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      opened.db.close();
    }
  }, 60_000);
});

describe('letters through the print dialog', () => {
  it('marks the contacts only when the job went to the printer; refuses without a dialog (web host, CLI)', async () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const id = session.ctx.repos.contacts.insert({ displayName: 'Kunde', familyName: 'Kunde', addresses: [address] });
    const { printLettersWithDialog } = await import('../../../electron/services/letters');
    await expect(printLettersWithDialog(session.ctx, { ids: [id] }, { form: 'B' })).rejects.toMatchObject({ code: 'conflict' });

    const printed: string[] = [];
    session.ctx.printDialog = async (html) => (printed.push(html), false);
    expect(await printLettersWithDialog(session.ctx, { ids: [id] }, { form: 'B' })).toMatchObject({ cancelled: true, marked: 0 });
    expect(session.ctx.repos.contacts.byIds([id]).get(id)!.stage).toBe('new');

    session.ctx.printDialog = async (html) => (printed.push(html), true);
    expect(await printLettersWithDialog(session.ctx, { ids: [id] }, { form: 'B' })).toMatchObject({
      cancelled: false,
      printed: 1,
      marked: 1,
    });
    expect(session.ctx.repos.contacts.byIds([id]).get(id)!.stage).toBe('consent_requested');
    expect(printed[1]).toContain('Guten Tag Kunde,');
  });
});

describe('letters per printed part', () => {
  it('splits a batch into an even number of parts (two print at once) of at most 250 letters; up to 50 print as one', () => {
    const parts = (letters: number) => Math.ceil(letters / lettersPerPart(letters));
    expect([1, 3, 50].map(parts)).toEqual([1, 1, 1]);
    for (const letters of [51, 300, 500, 501, 999, 1000, 1001, 2500, 4999]) {
      expect(parts(letters) % 2, `${letters} letters`).toBe(0);
      expect(lettersPerPart(letters), `${letters} letters`).toBeLessThanOrEqual(250);
    }
    expect(parts(1000)).toBe(4);
    expect(parts(1001)).toBe(6);
  });
});
