import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { bufferSource, fileSource } from '../../../electron/importers/source';
import { analyseFile, type FileAnalysis } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { importRecords, undoImport } from '../../../electron/services/import-history';
import { previewRows, summarise } from '../../../electron/services/import-preview';
import { fixturePath } from '../../helpers/fixtures';
import { invitationForContact } from '../../../electron/services/invitations';
import { call } from '../../helpers/import-job';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

const text = (name: string, content: string) => bufferSource(name, Buffer.from(content, 'utf8'));

async function analyseAll(session: ReturnType<typeof testSession>, sources: Awaited<ReturnType<typeof fileSource>>[]) {
  const analyses: FileAnalysis[] = [];
  for (const source of sources) analyses.push(await analyseFile(session.ctx, source, {}, analyses));
  return analyses;
}

async function importText(session: ReturnType<typeof testSession>, name: string, content: string) {
  const analyses = await analyseAll(session, [text(name, content)]);
  return { analysis: analyses[0]!, committed: commitAnalyses(session.ctx, analyses)[0]! };
}

const snapshot = (session: ReturnType<typeof testSession>) =>
  session.ctx.repos.contacts.all().map(({ updatedAt: _u, revision: _r, ...contact }) => contact);

describe('import: plan and commit', () => {
  it('creates contacts from a vCard and a CSV; the same files again change nothing', async () => {
    const session = testSession();
    const sources = async () => [
      await fileSource(fixturePath('qp-soft-breaks.vcf')),
      await fileSource(fixturePath('outlook-de-1252-semicolon.csv')),
    ];
    const first = await analyseAll(session, await sources());
    expect(first.map((a) => a.plan.counts)).toEqual([
      { created: 1, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 },
      { created: 2, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 },
    ]);
    const committed = commitAnalyses(session.ctx, first);
    expect(committed.map((c) => c.record.counts.created)).toEqual([1, 2]);
    const before = snapshot(session);
    expect(before.map((c) => c.displayName).sort()).toEqual(['Jürgen Groß', 'Jürgen Müller-Lüdenscheidt', 'Sophie Weiß']);

    const again = await analyseAll(session, await sources());
    expect(again.map((a) => a.plan.counts)).toEqual([
      { created: 0, updated: 0, unchanged: 1, duplicates: 0, invalid: 0 },
      { created: 0, updated: 0, unchanged: 2, duplicates: 0, invalid: 0 },
    ]);
    commitAnalyses(session.ctx, again);
    expect(snapshot(session)).toEqual(before);
  });

  it('the same number and a compatible name updates: gaps filled, numbers added, status never touched', async () => {
    const session = testSession();
    await importText(session, 'a.csv', 'Name;Handy\nBernd Schulze;0170 1234567\n');
    const [bernd] = session.ctx.repos.contacts.all();
    session.ctx.repos.contacts.updateFields(bernd!.id, {
      organization: 'Holzbau Schulze',
      stage: 'invited',
      invitedAt: '2026-11-01',
      target: 'signal',
    });
    const { analysis, committed } = await importText(
      session,
      'b.csv',
      'Vorname;Nachname;Firma;Handy;Telefon;E-Mail\nBernd;Schulze;Anderer Name GmbH;+49 170 1234567;0561 778899;bernd@example.de\n',
    );
    expect(analysis.plan.counts.updated).toBe(1);
    expect(previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows[0]).toMatchObject({
      action: 'update',
      existingName: 'Bernd Schulze',
      reason: 'Ergänzt: Nummern, E-Mail-Adressen',
    });
    expect(committed.record.counts.updated).toBe(1);
    const [after] = session.ctx.repos.contacts.all();
    expect(after).toMatchObject({
      id: bernd!.id,
      organization: 'Holzbau Schulze',
      stage: 'invited',
      invitedAt: '2026-11-01',
      target: 'signal',
      givenName: 'Bernd',
      familyName: 'Schulze',
    });
    expect(after!.phones.map((p) => p.e164)).toEqual(['+491701234567', '+49561778899']);
    expect(after!.emails.map((e) => e.address)).toEqual(['bernd@example.de']);
  });

  it('a language column sets the language of new contacts; an existing contact keeps the one the office set', async () => {
    const session = testSession();
    await importText(session, 'a.csv', 'Name;Handy\nBernd Schulze;0170 1234567\n');
    const { committed } = await importText(
      session,
      'b.csv',
      'Name;Handy;Sprache\nSarah Jones;+44 7700 900123;Englisch\nBernd Schulze;0170 1234567;Englisch\nAnna Schmidt;0171 7654321;\n',
    );
    expect(committed.record.counts).toMatchObject({ created: 2 });
    const languages = Object.fromEntries(session.ctx.repos.contacts.all().map((c) => [c.displayName, c.language]));
    expect(languages).toEqual({ 'Anna Schmidt': 'de', 'Bernd Schulze': 'de', 'Sarah Jones': 'en' });
    const sarah = session.ctx.repos.contacts.all().find((c) => c.displayName === 'Sarah Jones')!;
    expect(invitationForContact(session.ctx, sarah.id)).toMatchObject({ language: 'en' });
  });

  it('the same number under a clearly different name is a possible duplicate, created and linked', async () => {
    const session = testSession();
    await importText(session, 'a.csv', 'Name;Handy\nMaria Schulze;0170 1234567\n');
    const { analysis } = await importText(session, 'b.csv', 'Name;Handy\nMama;0170 1234567\n');
    expect(analysis.plan.counts.duplicates).toBe(1);
    expect(previewRows(analysis, { action: 'duplicate', offset: 0, limit: 10 }, 'de').rows[0]).toMatchObject({
      displayName: 'Mama',
      existingName: 'Maria Schulze',
      reason: 'Gleiche Nummer, aber anderer Name – bitte prüfen',
    });
    expect(session.ctx.repos.contacts.count()).toBe(2);
    const [maria, mama] = session.ctx.repos.contacts.all().sort((a, b) => a.id - b.id);
    expect(session.ctx.repos.imports.duplicatesOf(mama!.id)).toEqual([
      { contactId: mama!.id, otherId: maria!.id, reason: 'sameNumberOtherName' },
    ]);
  });

  it('the same e-mail address under a name that fits is the same contact', async () => {
    const session = testSession();
    // (Under a clearly different name it is a possible duplicate: see identity.test.ts.)
    await importText(session, 'a.csv', 'Name;E-Mail\nSchulze, B.;info@holzbau.de\n');
    const { analysis } = await importText(session, 'b.csv', 'Name;E-Mail;Handy\nBernd Schulze;INFO@holzbau.de;0170 1234567\n');
    expect(analysis.plan.counts).toMatchObject({ created: 0, updated: 1 });
    expect(session.ctx.repos.contacts.count()).toBe(1);
  });

  it('rows of one file, and of two files in one import, that are the same person become one contact', async () => {
    const session = testSession();
    const analyses = await analyseAll(session, [
      text(
        'a.csv',
        'Name;Handy;E-Mail\nBernd Schulze;0170 1234567;\nSchulze, Bernd;;bernd@example.de\nB. Schulze;0170 1234567;bernd@example.de\n',
      ),
      text('b.vcf', 'BEGIN:VCARD\nVERSION:3.0\nFN:Bernd Schulze\nTEL:+491701234567\nNOTE:Stammkunde\nEND:VCARD\n'),
    ]);
    // Row 3 bridges rows 1 (number) and 2 (e-mail): all three are one person.
    expect(analyses[0]!.plan.counts).toEqual({ created: 1, updated: 1, unchanged: 1, duplicates: 0, invalid: 0 });
    expect(analyses[1]!.plan.counts).toMatchObject({ created: 0, updated: 1 });
    commitAnalyses(session.ctx, analyses);
    const contacts = session.ctx.repos.contacts.all();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ displayName: 'Bernd Schulze', note: 'Stammkunde' });
    expect(contacts[0]!.phones.map((p) => p.e164)).toEqual(['+491701234567']);
    expect(contacts[0]!.emails.map((e) => e.address)).toEqual(['bernd@example.de']);
  });

  it('records every import with file name, hash, time and counts', async () => {
    const session = testSession();
    const { committed } = await importText(session, 'kunden.csv', 'Name;Handy\nAnna;0170 1\nBernd Schulze;0171 2345678\n;\n');
    expect(committed.record).toMatchObject({
      file: 'kunden.csv',
      format: 'csv',
      counts: { created: 2, invalid: 1 },
      undoneAt: null,
      undoBlockedBy: null,
    });
    const [row] = session.ctx.repos.imports.list();
    expect(row!.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('a failure in the middle of a commit writes nothing at all', async () => {
    const session = testSession();
    const analyses = await analyseAll(session, [
      text('a.csv', 'Name;Handy\nA Eins;0170 1111111\nB Zwei;0170 2222222\nC Drei;0170 3333333\n'),
    ]);
    const insert = session.ctx.repos.contacts.insert.bind(session.ctx.repos.contacts);
    let calls = 0;
    vi.spyOn(session.ctx.repos.contacts, 'insert').mockImplementation((contact) => {
      calls += 1;
      if (calls === 3) throw new Error('disk full');
      return insert(contact);
    });
    expect(() => commitAnalyses(session.ctx, analyses)).toThrow('disk full');
    expect(session.ctx.repos.contacts.count()).toBe(0);
    expect(session.ctx.repos.imports.list()).toEqual([]);
  });

  it('a rejected file is summarised with its reason and not written', async () => {
    const session = testSession();
    const analyses = await analyseAll(session, [text('leer.csv', ''), text('ok.csv', 'Name;Handy\nAnna Berg;0170 1234567\n')]);
    expect(summarise(0, analyses[0]!, 'de')).toMatchObject({ rejected: true, issues: [{ line: null, message: '„leer.csv“ ist leer.' }] });
    const committed = commitAnalyses(session.ctx, analyses);
    expect(committed).toHaveLength(1);
    expect(session.ctx.repos.contacts.count()).toBe(1);
  });
});

describe('import: undo', () => {
  it('removes the contacts an import created and restores what it changed', async () => {
    const session = testSession();
    await importText(session, 'a.csv', 'Name;Handy\nBernd Schulze;0170 1234567\n');
    const before = snapshot(session);
    const { committed } = await importText(
      session,
      'b.csv',
      'Name;Handy;E-Mail;Firma\nBernd Schulze;0170 1234567;bernd@example.de;Holzbau\nAnna Berg;0171 7654321;;\n',
    );
    expect(session.ctx.repos.contacts.count()).toBe(2);
    const undone = undoImport(session.ctx, committed.record.id);
    expect(undone.undoneAt).not.toBeNull();
    expect(snapshot(session)).toEqual(before);
    expect(() => undoImport(session.ctx, committed.record.id)).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('is refused, naming the contacts, once one of them was changed since', async () => {
    const session = testSession();
    const { committed } = await importText(session, 'a.csv', 'Name;Handy\nBernd Schulze;0170 1234567\nAnna Berg;0171 7654321\n');
    const anna = session.ctx.repos.contacts.all().find((c) => c.displayName === 'Anna Berg')!;
    session.ctx.repos.contacts.updateFields(anna.id, { note: 'Ruft zurück' });
    const [record] = importRecords(session.ctx);
    expect(record!.undoBlockedBy).toBe(
      '1 Kontakt wurde seit dem Import geändert (Anna Berg). Damit nichts verloren geht, lässt sich der Import nicht mehr als Ganzes zurücknehmen.',
    );
    expect(() => undoImport(session.ctx, committed.record.id)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(session.ctx.repos.contacts.count()).toBe(2);
  });

  it('a new number added to a contact counts as a change that blocks undo', async () => {
    const session = testSession();
    const { committed } = await importText(session, 'a.csv', 'Name;Handy\nBernd Schulze;0170 1234567\n');
    const [bernd] = session.ctx.repos.contacts.all();
    session.ctx.repos.contacts.addPhones(bernd!.id, [{ e164: '+49301234567', raw: '030 1234567', label: null, kind: 'landline' }]);
    expect(importRecords(session.ctx)[0]!.undoBlockedBy).toMatch(/Bernd Schulze/);
    expect(committed.record.undoBlockedBy).toBeNull();
  });
});

describe('import: undo of the rest', () => {
  async function importWithChanges() {
    const session = testSession();
    await importText(session, 'alt.csv', 'Name;Handy\nDora Klein;0172 1111111\nErik Wolf;0173 2222222\n');
    const { committed } = await importText(
      session,
      'neu.csv',
      'Name;Handy;E-Mail;Firma\nAnna Berg;0170 1234567;;\nBernd Schulze;0171 7654321;;\nCarla Nowak;0174 3333333;;\nDora Klein;0172 1111111;dora@example.de;Klein Bau\nErik Wolf;0173 2222222;erik@example.de;Wolf Transporte\n',
    );
    const byName = (name: string) => session.ctx.repos.contacts.all().find((c) => c.displayName === name)!;
    // Anna (created by the import) and Dora (filled in by it) are changed by the office afterwards.
    session.ctx.repos.contacts.updateFields(byName('Anna Berg').id, { note: 'Ruft zurück' });
    session.ctx.repos.contacts.updateFields(byName('Dora Klein').id, { customerNumber: 'K-17' });
    return { session, importId: committed.record.id, byName };
  }

  it('names the changed contacts and how many the rest would take back', async () => {
    const { session } = await importWithChanges();
    const [record] = importRecords(session.ctx);
    expect(record!.changedSince).toEqual({ count: 2, names: ['Anna Berg', 'Dora Klein'], rest: 3 });
    expect(record!.keptOnUndo).toBeNull();
  });

  it('undoes the rest and keeps the changed contacts as they are; the record counts them; a second undo is refused', async () => {
    const { session, importId, byName } = await importWithChanges();
    const anna = byName('Anna Berg');
    const dora = byName('Dora Klein');
    const result = await call<{ undoneAt: string | null; keptOnUndo: number | null; changedSince: unknown }>(session, 'import.undo', {
      importId,
      skipChanged: true,
    });
    expect(result).toMatchObject({ undoneAt: expect.any(String), keptOnUndo: 2, changedSince: null });
    const names = session.ctx.repos.contacts.all().map((c) => c.displayName);
    expect(names).toEqual(['Anna Berg', 'Dora Klein', 'Erik Wolf']);
    // Created and changed: stays, as the office left it. Filled in and changed: keeps what it holds now.
    expect(byName('Anna Berg')).toEqual(anna);
    expect(byName('Dora Klein')).toEqual(dora);
    expect(dora).toMatchObject({ organization: 'Klein Bau', emails: [{ address: 'dora@example.de' }] });
    // Filled in and unchanged: back to what it was before the import.
    expect(byName('Erik Wolf')).toMatchObject({ organization: null, emails: [] });
    // What the import did to the contacts it kept is still in their history.
    const { contactDetail } = await import('../../../electron/services/contact-detail');
    expect(contactDetail(session.ctx, anna.id).history.map((h) => h.text)).toContain('Angelegt durch Import „neu.csv“');
    expect(contactDetail(session.ctx, dora.id).history.map((h) => h.text)).toContain('Ergänzt durch Import „neu.csv“');
    expect(contactDetail(session.ctx, byName('Erik Wolf').id).history.map((h) => h.text)).not.toContain('Ergänzt durch Import „neu.csv“');
    expect(() => undoImport(session.ctx, importId, { skipChanged: true })).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => undoImport(session.ctx, importId)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(importRecords(session.ctx)[0]).toMatchObject({ keptOnUndo: 2, undoBlockedBy: null, changedSince: null });
  });

  it('without skipChanged the undo is still refused and changes nothing', async () => {
    const { session, importId } = await importWithChanges();
    const before = snapshot(session);
    const refused = await session.dispatch('import.undo', { importId });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/^Rückgängig nicht möglich: 2 Kontakte/) },
    });
    expect(snapshot(session)).toEqual(before);
  });

  it('with nothing changed, skipChanged undoes the whole import', async () => {
    const session = testSession();
    const { committed } = await importText(session, 'a.csv', 'Name;Handy\nAnna Berg;0170 1234567\n');
    expect(undoImport(session.ctx, committed.record.id, { skipChanged: true })).toMatchObject({ keptOnUndo: null });
    expect(session.ctx.repos.contacts.count()).toBe(0);
  });
});

describe('import: WhatsApp chats', () => {
  it('marks the contacts someone chats with and their last message; creates none; undo takes it back', async () => {
    const session = testSession();
    await importText(session, 'kontakte.csv', 'Name;Handy\nMax Mustermann;0170 1234567\nSophie Weiß;0171 2345678\n');
    const analyses = await analyseAll(session, [
      await fileSource(fixturePath('WhatsApp Chat mit Max Mustermann.txt')),
      await fileSource(fixturePath('WhatsApp Chat - Sophie Weiß.zip')),
    ]);
    expect(analyses[0]!.plan.counts).toEqual({ created: 0, updated: 1, unchanged: 0, duplicates: 0, invalid: 1 });
    expect(previewRows(analyses[0]!, { action: 'invalid', offset: 0, limit: 5 }, 'de').rows[0]).toMatchObject({
      displayName: 'Meisterbetrieb Groß',
      reason: expect.stringContaining('Kein Kontakt'),
    });
    // "+49 171 2345678" is Sophie's number: matched by number, the newer date wins.
    expect(analyses[1]!.plan.counts).toMatchObject({ created: 0, updated: 2, invalid: 2 });
    const committed = commitAnalyses(session.ctx, analyses);
    const contacts = session.ctx.repos.contacts.all();
    expect(contacts.map((c) => [c.displayName, c.onWhatsapp, c.whatsappLastMessageAt])).toEqual([
      ['Max Mustermann', true, '2024-03-21T18:40:00'],
      ['Sophie Weiß', true, '2024-05-15T16:20:00'],
    ]);
    undoImport(session.ctx, committed[1]!.record.id);
    undoImport(session.ctx, committed[0]!.record.id);
    expect(session.ctx.repos.contacts.all().map((c) => [c.onWhatsapp, c.whatsappLastMessageAt])).toEqual([
      [false, null],
      [false, null],
    ]);
  });
});

describe('import: file on disk', () => {
  it('streams a file from disk in chunks and reports progress up to its size', async () => {
    const session = testSession();
    const file = path.join(tempDir(), 'viele.csv');
    const lines = ['Vorname;Nachname;Handy;Adresse'];
    for (let i = 0; i < 60_000; i += 1)
      lines.push(`Vorname${i};Nachname${i};0171 ${String(1_000_000 + i)};Musterstraße ${i}, 12345 Musterstadt`);
    writeFileSync(file, lines.join('\n'));
    const progress: number[] = [];
    const analysis = await analyseFile(session.ctx, await fileSource(file), { onProgress: (done) => progress.push(done) });
    expect(analysis.plan.counts.created).toBe(60_000);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe((await fileSource(file)).size);
  });
});
