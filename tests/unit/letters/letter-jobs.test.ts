import { describe, expect, it } from 'vitest';
import { lettersPerPart } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';

const address = { street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', country: null, region: null, label: null };

async function finish(session: ReturnType<typeof testSession>, jobId: number) {
  const seen: string[] = [];
  for (;;) {
    const status = session.ctx.letterJobs.status(jobId);
    seen.push(`${status.state} ${status.done}/${status.total}`);
    if (status.result) return { result: status.result, seen };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('letters printed in the background', () => {
  it('reports progress, hands out the PDF once, and marks the contacts', async () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const ids = [1, 2, 3].map((i) => session.ctx.repos.contacts.insert({ displayName: `Kunde ${i}`, familyName: `Kunde ${i}`, addresses: [address] }));
    const jobId = session.ctx.letterJobs.start(session.ctx, { ids }, { form: 'B' });
    const { result, seen } = await finish(session, jobId);
    expect(seen[0]).toMatch(/^running /);
    // Two documents: the three letters' personal parts, and their shared parts (one kind of letter).
    expect(seen.at(-1)).toBe('done 2/2');
    expect(result).toMatchObject({ printed: 3, marked: 3, withoutAddress: [] });
    expect(Buffer.from(result.data!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect([...session.ctx.repos.contacts.byIds(ids).values()].map((c) => c.stage)).toEqual(['consent_requested', 'consent_requested', 'consent_requested']);
    expect(() => session.ctx.letterJobs.status(jobId)).toThrow(expect.objectContaining({ code: 'not_found' }));
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
    expect(await printLettersWithDialog(session.ctx, { ids: [id] }, { form: 'B' })).toMatchObject({ cancelled: false, printed: 1, marked: 1 });
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
