import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../electron/importers/source';
import { keepApart, mergeContacts, undoKeepApart } from '../../../electron/services/duplicates';
import { analyseFile, type FileAnalysis } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { previewRows, summarise } from '../../../electron/services/import-preview';
import { contactDetail, updateContact } from '../../../electron/services/contact-detail';
import { contactEditOf } from '../../../shared/model/contact-edit';
import { decide } from '../../../electron/importers/decisions';
import type { RequestInput, RequestName, RequestOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { testSession } from '../../helpers/session';

type Session = ReturnType<typeof testSession>;

const text = (name: string, content: string) => bufferSource(name, Buffer.from(content, 'utf8'));

async function analyse(session: Session, name: string, content: string): Promise<FileAnalysis> {
  return analyseFile(session.ctx, text(name, content));
}

async function importText(session: Session, name: string, content: string, decideRows?: (analysis: FileAnalysis) => void) {
  const analysis = await analyse(session, name, content);
  decideRows?.(analysis);
  return { analysis, committed: commitAnalyses(session.ctx, [analysis])[0]! };
}

const byName = (session: Session, name: string) => {
  const found = session.ctx.repos.contacts.all().find((contact) => contact.displayName === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

/** Klaus and Anna share the office number of Anna's company; the Excel list knows both. */
const KUNDENLISTE = [
  'Vorname;Nachname;Firma;Telefon;Straße;PLZ;Ort',
  'Klaus;Bauer;;0561 998877;;;',
  'Anna;Lehmann;Lehmann Immobilien;0561 998877;Hafenstraße 4;34117;Kassel',
].join('\n');

describe('people the office keeps apart are never mixed up', () => {
  it('two people sharing a number: the first import links them as a possible duplicate', async () => {
    const session = testSession();
    const { analysis } = await importText(session, 'kunden.csv', KUNDENLISTE);
    expect(analysis.plan.counts).toMatchObject({ created: 1, duplicates: 1 });
    const anna = byName(session, 'Anna Lehmann');
    expect(contactDetail(session.ctx, anna.id).duplicates.map((d) => d.displayName)).toEqual(['Klaus Bauer']);
    expect(session.ctx.repos.contactList.count({ search: '', duplicates: true, invitedBefore: '', letterSentBefore: '' })).toBe(2);
  });

  it('after "different people", the same file again changes nothing: Klaus never gets Anna’s company or address', async () => {
    const session = testSession();
    await importText(session, 'kunden.csv', KUNDENLISTE);
    const klaus = byName(session, 'Klaus Bauer');
    const anna = byName(session, 'Anna Lehmann');
    keepApart(session.ctx, anna.id, klaus.id);
    expect(contactDetail(session.ctx, anna.id).duplicates).toEqual([]);
    expect(session.ctx.repos.contactList.count({ search: '', duplicates: true, invitedBefore: '', letterSentBefore: '' })).toBe(0);
    const before = session.ctx.repos.contacts.all().map(({ updatedAt: _u, ...contact }) => contact);

    const { analysis, committed } = await importText(session, 'kunden.csv', KUNDENLISTE);
    expect(
      previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows.map((row) => [row.displayName, row.action, row.existingName]),
    ).toEqual([
      ['Klaus Bauer', 'unchanged', 'Klaus Bauer'],
      ['Anna Lehmann', 'unchanged', 'Anna Lehmann'],
    ]);
    expect(committed.record.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2, duplicates: 0 });
    expect(session.ctx.repos.contacts.all().map(({ updatedAt: _u, ...contact }) => contact)).toEqual(before);
    expect(byName(session, 'Klaus Bauer')).toMatchObject({ organization: null, addresses: [] });
  });

  it('a company row does not fill a person of another company through a shared number, a person of its own company it does', async () => {
    const session = testSession();
    await importText(
      session,
      'a.csv',
      'Vorname;Nachname;Firma;Telefon\nKlaus;Bauer;;0561 998877\nHans;Meier;Elektro Meier KG;0561 445566\n',
    );
    const { analysis } = await importText(
      session,
      'b.csv',
      'Firma;Telefon;Straße;PLZ;Ort\nLehmann Immobilien;0561 998877;Hafenstraße 4;34117;Kassel\nElektro Meier KG;0561 445566;Am Markt 1;34117;Kassel\n',
    );
    expect(previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows.map((row) => [row.displayName, row.action])).toEqual([
      ['Lehmann Immobilien', 'duplicate'],
      ['Elektro Meier KG', 'update'],
    ]);
    expect(byName(session, 'Klaus Bauer').addresses).toEqual([]);
    expect(byName(session, 'Hans Meier').addresses.map((a) => a.street)).toEqual(['Am Markt 1']);
  });

  it('a row that fits both people of a kept-apart pair is merged into neither', async () => {
    const session = testSession();
    const [father, son] = session.ctx.repos.contacts.insertMany([
      {
        displayName: 'Thomas Müller',
        givenName: 'Thomas',
        familyName: 'Müller',
        phones: [{ e164: '+49561112233', raw: '0561 112233', label: null, kind: 'landline' }],
      },
      {
        displayName: 'Thomas Müller',
        givenName: 'Thomas',
        familyName: 'Müller',
        phones: [{ e164: '+49561112233', raw: '0561 112233', label: null, kind: 'landline' }],
      },
    ]);
    keepApart(session.ctx, father!, son!);
    // Something new (an e-mail) for one of them, but whose? Left out unless the office decides.
    for (let round = 0; round < 3; round += 1) {
      const { analysis, committed } = await importText(
        session,
        'b.csv',
        'Name;Telefon;E-Mail\nThomas Müller;0561 112233;thomas@example.de\n',
      );
      expect(analysis.plan.rows[0]).toMatchObject({ action: 'duplicate', reason: { key: 'fitsKeptApart' } });
      expect(previewRows(analysis, { offset: 0, limit: 1 }, 'de').rows[0]).toMatchObject({
        decision: 'skip',
        choices: ['skip', 'merge', 'review'],
      });
      expect(committed.record.counts).toMatchObject({ created: 0, duplicates: 0, updated: 0, unchanged: 1 });
    }
    expect(session.ctx.repos.contacts.count()).toBe(2);
    for (const id of [father!, son!]) expect(session.ctx.repos.contacts.byIds([id]).get(id)!.emails).toEqual([]);
    // Nothing new: the row is already there, whichever of the two it is. Importing it again changes nothing.
    for (let round = 0; round < 2; round += 1) {
      const { analysis } = await importText(session, 'c.csv', 'Name;Telefon\nThomas Müller;0561 112233\n');
      expect(analysis.plan.counts).toMatchObject({ unchanged: 1, created: 0, duplicates: 0 });
    }
    expect(session.ctx.repos.contacts.count()).toBe(2);
  });

  it('a merge keeps what the merged contact was kept apart from', () => {
    const session = testSession();
    const [anna, klaus, klausAgain] = session.ctx.repos.contacts.insertMany([
      { displayName: 'Anna Bauer' },
      { displayName: 'Klaus Bauer' },
      { displayName: 'K. Bauer' },
    ]);
    keepApart(session.ctx, anna!, klausAgain!);
    mergeContacts(session.ctx, klaus!, klausAgain!);
    expect(session.ctx.repos.imports.isKeptApart(anna!, klaus!)).toBe(true);
    expect(() => mergeContacts(session.ctx, klaus!, anna!)).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.mergeKeptApart' }),
    );
  });

  it('a couple sharing a landline are two people: the same family name is no same person', async () => {
    const session = testSession();
    const first = await importText(
      session,
      'a.csv',
      'Vorname;Nachname;Telefon;E-Mail\nKlaus;Bauer;0561 998877;\nAnna;Bauer;0561 998877;anna@example.de\n',
    );
    expect(first.analysis.plan.rows.map((row) => row.action)).toEqual(['create', 'duplicate']);
    const { analysis } = await importText(
      session,
      'b.csv',
      'Vorname;Nachname;Telefon;E-Mail\nAnna;Bauer;0561 998877;anna@example.de\nK.;Bauer;0561 998877;klaus@example.de\n',
    );
    expect(previewRows(analysis, { offset: 0, limit: 5 }, 'de').rows.map((row) => [row.displayName, row.action, row.existingName])).toEqual(
      [
        ['Anna Bauer', 'unchanged', 'Anna Bauer'],
        ['K. Bauer', 'update', 'Klaus Bauer'],
      ],
    );
    expect(byName(session, 'Klaus Bauer').emails.map((e) => e.address)).toEqual(['klaus@example.de']);
    expect(byName(session, 'Anna Bauer').emails.map((e) => e.address)).toEqual(['anna@example.de']);
  });

  it('a contact whose only e-mail is not an address is found again by its name: a second import changes nothing', async () => {
    const session = testSession();
    await importText(session, 'a.csv', 'Name;E-Mail\nAnna Schmitz;business 3@example.de\n');
    const { analysis } = await importText(session, 'a.csv', 'Name;E-Mail\nAnna Schmitz;business 3@example.de\n');
    expect(analysis.plan.counts).toMatchObject({ created: 0, unchanged: 1, duplicates: 0 });
    expect(byName(session, 'Anna Schmitz').emails).toEqual([{ address: 'business 3@example.de', label: null, valid: false }]);
  });

  it('the contact form saves a contact whose imported e-mail is no address, and keeps it flagged until corrected', async () => {
    const session = testSession();
    await importText(session, 'a.csv', 'Name;E-Mail\nAnna Schmitz;business 3@example.de\n');
    const anna = byName(session, 'Anna Schmitz');
    const saved = updateContact(session.ctx, anna.id, { ...contactEditOf(anna), note: 'ruft zurück' });
    expect(saved.emails).toEqual([{ address: 'business 3@example.de', label: null, valid: false }]);
    const fixed = updateContact(session.ctx, anna.id, { ...contactEditOf(saved), emails: [{ address: 'anna@example.de', label: null }] });
    expect(fixed.emails).toEqual([{ address: 'anna@example.de', label: null, valid: true }]);
  });

  it('the same e-mail address under a clearly different name is a possible duplicate, not the same contact', async () => {
    const session = testSession();
    await importText(session, 'a.csv', 'Name;E-Mail\nHerbert Meier;info@holzbau.de\n');
    const { analysis } = await importText(session, 'b.csv', 'Name;E-Mail;Handy\nBernd Schulze;INFO@holzbau.de;0170 1234567\n');
    expect(analysis.plan.counts).toMatchObject({ created: 0, updated: 0, duplicates: 1 });
    expect(byName(session, 'Herbert Meier').phones).toEqual([]);
  });

  it('"different people" is recorded in both histories, keeps the pair out of new suggestions, refuses a merge, and can be taken back', async () => {
    const session = testSession();
    await importText(session, 'kunden.csv', KUNDENLISTE);
    const klaus = byName(session, 'Klaus Bauer');
    const anna = byName(session, 'Anna Lehmann');
    keepApart(session.ctx, klaus.id, anna.id);
    expect(session.ctx.repos.tracking.history(anna.id).map((entry) => [entry.kind, entry.after])).toEqual([
      ['keptApart', { other: 'Klaus Bauer' }],
    ]);
    session.ctx.repos.imports.addDuplicate(anna.id, klaus.id, 'sameNumberOtherName', null);
    session.ctx.repos.imports.addDuplicate(klaus.id, anna.id, 'sameNumberOtherName', null);
    expect(contactDetail(session.ctx, klaus.id).duplicates).toEqual([]);
    expect(() => mergeContacts(session.ctx, klaus.id, anna.id)).toThrow(
      expect.objectContaining({ code: 'conflict', messageKey: 'tracking.errors.mergeKeptApart' }),
    );

    undoKeepApart(session.ctx, klaus.id, anna.id);
    expect(contactDetail(session.ctx, klaus.id).duplicates.map((d) => d.displayName)).toEqual(['Anna Lehmann']);
    expect(mergeContacts(session.ctx, klaus.id, anna.id).organization).toBe('Lehmann Immobilien');
  });
});

describe('duplicates are decided in the preview', () => {
  const EXISTING = 'Name;Handy;Firma\nMaria Schulze;0170 1234567;\nBernd Schulze;0171 7654321;\n';
  const INCOMING =
    'Name;Handy;Firma\nMaria Schulze;0170 1234567;Blumen Schulze\nMama;0170 1234567;\nBernd Schulze;0171 7654321;Holzbau Schulze\nNeu Person;0172 5555555;\n';

  it('defaults: an exact match fills the contact (merge), a possible duplicate is created and linked', async () => {
    const session = testSession();
    await importText(session, 'a.csv', EXISTING);
    const analysis = await analyse(session, 'b.csv', INCOMING);
    const rows = previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows;
    expect(rows.map((row) => [row.displayName, row.action, row.decision, row.choices, row.decided])).toEqual([
      ['Maria Schulze', 'update', 'merge', ['merge', 'keepBoth', 'skip'], false],
      ['Mama', 'duplicate', 'review', ['review', 'merge', 'keepBoth', 'skip'], false],
      ['Bernd Schulze', 'update', 'merge', ['merge', 'keepBoth', 'skip'], false],
      ['Neu Person', 'create', 'create', ['create', 'skip'], false],
    ]);
    commitAnalyses(session.ctx, [analysis]);
    expect(byName(session, 'Maria Schulze').organization).toBe('Blumen Schulze');
    expect(contactDetail(session.ctx, byName(session, 'Mama').id).duplicates.map((d) => d.displayName)).toEqual(['Maria Schulze']);
  });

  it('per row: keep both (recorded as different people), merge a duplicate, skip; the counts follow', async () => {
    const session = testSession();
    await importText(session, 'a.csv', EXISTING);
    const analysis = await analyse(session, 'b.csv', INCOMING);
    const row = (name: string) => previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows.find((r) => r.displayName === name)!.row;
    decide(analysis.plan.rows, analysis.decisions, 'keepBoth', { rows: [row('Maria Schulze')] });
    decide(analysis.plan.rows, analysis.decisions, 'merge', { rows: [row('Mama')] });
    decide(analysis.plan.rows, analysis.decisions, 'skip', { rows: [row('Bernd Schulze'), row('Neu Person')] });
    // "Mama" adds nothing to Maria: merged, she is unchanged.
    expect(summarise(0, analysis, 'de').counts).toEqual({ created: 1, updated: 0, unchanged: 3, duplicates: 0, invalid: 0 });
    expect(previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows.map((r) => [r.displayName, r.decision, r.decided])).toEqual([
      ['Maria Schulze', 'keepBoth', true],
      ['Mama', 'merge', true],
      ['Bernd Schulze', 'skip', true],
      ['Neu Person', 'skip', true],
    ]);
    const [committed] = commitAnalyses(session.ctx, [analysis]);
    expect(committed!.record.counts).toEqual({ created: 1, updated: 0, unchanged: 3, duplicates: 0, invalid: 0 });

    const marias = session.ctx.repos.contacts.all().filter((c) => c.displayName === 'Maria Schulze');
    expect(marias).toHaveLength(2);
    expect(session.ctx.repos.imports.isKeptApart(marias[0]!.id, marias[1]!.id)).toBe(true);
    // "Mama" went into the Maria the number belonged to; Bernd was left as he was; nobody new.
    expect(marias.find((m) => m.organization === null)).toBeDefined();
    expect(
      session.ctx.repos.contacts
        .all()
        .map((c) => c.displayName)
        .sort(),
    ).toEqual(['Bernd Schulze', 'Maria Schulze', 'Maria Schulze']);
    expect(byName(session, 'Bernd Schulze').organization).toBeNull();
  });

  it('for all: one decision for every row that offers it (of one action when asked)', async () => {
    const session = testSession();
    await importText(session, 'a.csv', EXISTING);
    const analysis = await analyse(session, 'b.csv', INCOMING);
    expect(decide(analysis.plan.rows, analysis.decisions, 'skip', { action: 'update' })).toBe(2);
    // "Merge" for all rows reaches the matches, not the possible duplicates: those are merged when shown alone.
    expect(decide(analysis.plan.rows, analysis.decisions, 'merge', {})).toBe(2);
    expect(previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows.map((r) => r.decision)).toEqual([
      'merge',
      'review',
      'merge',
      'create',
    ]);
    expect(decide(analysis.plan.rows, analysis.decisions, 'merge', { action: 'duplicate' })).toBe(1);
    expect(decide(analysis.plan.rows, analysis.decisions, 'keepBoth', { action: 'duplicate' })).toBe(1);
    expect(summarise(0, analysis, 'de').counts).toMatchObject({ created: 2, duplicates: 0 });
    // Back to the defaults.
    expect(decide(analysis.plan.rows, analysis.decisions, null, {})).toBe(3);
    expect(previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows.map((r) => [r.decision, r.decided])).toEqual([
      ['merge', false],
      ['review', false],
      ['merge', false],
      ['create', false],
    ]);
  });

  it('through the contract: import.decide changes the preview and what the commit writes', async () => {
    const session = testSession();
    await importText(session, 'a.csv', EXISTING);
    const call = async <K extends RequestName>(name: K, input: RequestInput<K>) =>
      (await session.dispatch(name, input)) as Result<RequestOutput<K>>;
    const file = Buffer.from(INCOMING);
    const begun = await call('import.begin', { files: [{ name: 'b.csv', size: file.length }] });
    if (!begun.ok) throw new Error(begun.error.message);
    const jobId = begun.value.jobId;
    await call('import.upload', { jobId, index: 0, offset: 0, data: file.toString('base64') });
    await call('import.analyse', { jobId });
    for (let i = 0; i < 100; i += 1) {
      const status = await call('import.status', { jobId });
      if (status.ok && status.value.state === 'ready') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const decided = await call('import.decide', { jobId, index: 0, decision: 'skip', action: 'duplicate' });
    expect(decided.ok && decided.value.changed).toBe(1);
    expect(decided.ok && decided.value.job.files[0]!.counts).toMatchObject({ duplicates: 0, unchanged: 1 });
    const refused = await session.dispatch('import.decide', { jobId, index: 0, decision: 'launch' });
    expect(refused.ok).toBe(false);
    await call('import.commit', { jobId });
    expect(session.ctx.repos.contacts.all().map((c) => c.displayName)).not.toContain('Mama');
  });
});

describe('WhatsApp chat exports', () => {
  const CHAT = [
    '12.03.24, 14:05 - Max Mustermann: Guten Tag, wann kommen Sie?',
    '12.03.24, 14:07 - Meisterbetrieb Groß: Morgen um 8 Uhr.',
    '13.03.24, 09:15 - +49 152 33344455: Ist das die Dachdeckerei?',
    '13.03.24, 09:20 - Paula Fremd: Hallo',
    '21.03.24, 18:40 - Max Mustermann: Danke, alles dicht!',
  ].join('\n');

  it('a sender known only by a number becomes a contact on WhatsApp; a named one is listed and created on request', async () => {
    const session = testSession();
    await importText(session, 'kontakte.csv', 'Name;Handy\nMax Mustermann;0170 1234567\n');
    const analysis = await analyse(session, 'WhatsApp Chat mit Max Mustermann.txt', CHAT);
    const rows = previewRows(analysis, { offset: 0, limit: 10 }, 'de').rows;
    expect(rows.map((row) => [row.displayName, row.action, row.decision, row.choices])).toEqual([
      ['Max Mustermann', 'update', 'merge', ['merge', 'skip']],
      ['Meisterbetrieb Groß', 'invalid', 'skip', ['skip', 'create']],
      ['+49 152 33344455', 'create', 'create', ['create', 'skip']],
      ['Paula Fremd', 'invalid', 'skip', ['skip', 'create']],
    ]);
    expect(rows[0]!.reason).toBe('Letzte Nachricht am 21.03.2024 (2 Nachrichten)');
    decide(analysis.plan.rows, analysis.decisions, 'create', { rows: [rows[3]!.row] });
    commitAnalyses(session.ctx, [analysis]);
    const contacts = Object.fromEntries(
      session.ctx.repos.contacts.all().map((c) => [c.displayName, [c.onWhatsapp, c.whatsappLastMessageAt, c.phones.map((p) => p.e164)]]),
    );
    expect(contacts).toEqual({
      'Max Mustermann': [true, '2024-03-21T18:40:00', ['+491701234567']],
      '+49 152 33344455': [true, '2024-03-13T09:15:00', ['+4915233344455']],
      'Paula Fremd': [true, '2024-03-13T09:20:00', []],
    });
    expect(byName(session, 'Paula Fremd')).toMatchObject({ givenName: 'Paula', familyName: 'Fremd' });
  });

  it('the same chat again records nothing: no change, no history entry', async () => {
    const session = testSession();
    await importText(session, 'kontakte.csv', 'Name;Handy\nMax Mustermann;0170 1234567\n');
    await importText(session, 'WhatsApp Chat mit Max Mustermann.txt', CHAT);
    const max = byName(session, 'Max Mustermann');
    const { committed } = await importText(session, 'WhatsApp Chat mit Max Mustermann.txt', CHAT);
    expect(committed.record.counts).toMatchObject({ created: 0, updated: 0 });
    expect(session.ctx.repos.imports.changes(committed.record.id)).toEqual([]);
    expect(byName(session, 'Max Mustermann').revision).toBe(max.revision);
  });

  it('records what the chat set, so the history can say "nein → ja"', async () => {
    const session = testSession();
    await importText(session, 'kontakte.csv', 'Name;Handy\nMax Mustermann;0170 1234567\n');
    const { committed } = await importText(session, 'WhatsApp Chat mit Max Mustermann.txt', CHAT);
    expect(session.ctx.repos.imports.changes(committed.record.id)).toEqual([
      expect.objectContaining({
        before: { onWhatsapp: false, whatsappLastMessageAt: null },
        after: { onWhatsapp: true, whatsappLastMessageAt: '2024-03-21T18:40:00' },
      }),
    ]);
  });

  it('a number two kept-apart people share marks neither, unless the file names the partner', async () => {
    const session = testSession();
    const [klaus, anna] = session.ctx.repos.contacts.insertMany([
      {
        displayName: 'Klaus Bauer',
        givenName: 'Klaus',
        familyName: 'Bauer',
        phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
      },
      {
        displayName: 'Anna Lehmann',
        givenName: 'Anna',
        familyName: 'Lehmann',
        phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
      },
    ]);
    keepApart(session.ctx, klaus!, anna!);
    const chat =
      '12.03.24, 14:05 - +49 170 1234567: Hallo\n12.03.24, 14:06 - Meisterbetrieb Groß: Hallo zurück\n12.03.24, 14:07 - +49 170 1234567: Danke\n';
    const group = await importText(session, 'WhatsApp Chat mit Baustelle.txt', chat);
    expect(group.analysis.plan.rows[0]).toMatchObject({ action: 'invalid', reason: { key: 'chatSenderAmbiguous' } });
    const named = await importText(session, 'WhatsApp Chat mit Anna Lehmann.txt', chat);
    expect(named.analysis.plan.rows[0]).toMatchObject({ action: 'update', existingId: anna });
    expect(session.ctx.repos.contacts.byIds([klaus!]).get(klaus!)!.onWhatsapp).toBe(false);
    expect(session.ctx.repos.contacts.byIds([anna!]).get(anna!)!.onWhatsapp).toBe(true);
  });
});
