import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headerSignature } from '../../../electron/importers/columns';
import { bufferSource } from '../../../electron/importers/source';
import { historyView, updateContact } from '../../../electron/services/contact-detail';
import { recordConsent } from '../../../electron/services/consents';
import { keepApart, mergeContacts } from '../../../electron/services/duplicates';
import { restoreContact } from '../../../electron/services/contacts';
import { eraseContact, purgeBin } from '../../../electron/services/erasure';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { importRecords } from '../../../electron/services/import-history';
import { bulkChange, requireContact, setStage, undoOperation } from '../../../electron/services/tracking';
import { formatDate, localDate } from '../../../shared/local-date';
import { contactEditOf } from '../../../shared/model/contact-edit';
import { testSession } from '../../helpers/session';

type Session = ReturnType<typeof testSession>;

/** What names the person, each distinctive enough not to occur in a database by chance. */
const person = {
  given: 'Zacharias',
  family: 'Quenzelbrodt',
  number: '9876543',
  note: 'Apfelstrudelrezept',
  street: 'Quappenweg',
  email: 'zq@quenzel-mail.example',
};
const secrets = Object.values(person);

const vcard = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  `N:${person.family};${person.given};;;`,
  `FN:${person.given} ${person.family}`,
  `TEL;TYPE=CELL:0170 ${person.number}`,
  `EMAIL:${person.email}`,
  `ADR;TYPE=HOME:;;${person.street} 77a;Kassel;;34117;Deutschland`,
  `NOTE:${person.note} von Oma`,
  'END:VCARD',
  '',
].join('\r\n');

const scan = Buffer.from(`%PDF-1.4\n% signed by ${person.family}\n%%EOF\n`);

/** How an iPhone shares a contact: a file named after the person. */
async function importPerson(session: Session): Promise<number> {
  const analysis = await analyseFile(session.ctx, bufferSource(`${person.given} ${person.family}.vcf`, Buffer.from(vcard, 'utf8')));
  commitAnalyses(session.ctx, [analysis]);
  return session.ctx.repos.contacts.all().find((contact) => contact.familyName === person.family)!.id;
}

/**
 * The person imported among enough other contacts that every table and index spans several pages,
 * then edited, moved on, kept apart from a namesake and given a consent with a scan: each of these
 * leaves copies of the person's data (history before/after, consent, evidence, file name …).
 */
async function personWithTraces(session: Session) {
  const { ctx } = session;
  ctx.repos.contacts.insertMany(
    Array.from({ length: 600 }, (_, index) => ({
      displayName: `Kundin Nummer ${index}`,
      familyName: `Nummer ${index}`,
      note: `Notiz ${index} `.repeat(5),
      phones: [
        {
          e164: `+4915100${String(index).padStart(5, '0')}`,
          raw: `0151 00${String(index).padStart(5, '0')}`,
          label: null,
          kind: 'mobile' as const,
        },
      ],
      addresses: [{ street: `Gasse ${index}`, postalCode: '34117', city: 'Kassel', region: null, country: null, label: null }],
    })),
  );
  const id = await importPerson(session);
  const other = ctx.repos.contacts.insert({
    displayName: 'Bernd Schulze',
    phones: [{ e164: '+491701111111', raw: '0170 1111111', label: null, kind: 'mobile' }],
  });
  updateContact(ctx, id, { ...contactEditOf(requireContact(ctx, id)), note: `${person.note} – neu`, organization: `${person.family} Bau` });
  setStage(ctx, id, { stage: 'invited', channel: 'whatsapp', date: '2026-11-02' });
  keepApart(ctx, id, other);
  recordConsent(ctx, id, {
    purposes: ['appointments'],
    givenAt: '2026-11-03',
    textVersion: 'EW-1',
    method: 'signed_letter',
    evidence: { kind: 'scan', fileName: `Einwilligung ${person.family}.pdf`, data: scan },
  });
  // A CSV without a header row: its first person became the "headers" of a saved column mapping.
  ctx.repos.imports.saveMapping(headerSignature([person.given, person.family, `0170 ${person.number}`]), [
    'givenName',
    'familyName',
    'phone:mobile',
  ]);
  return { id, other };
}

/** The database file and its companions as bytes, read while the session still has them open. */
function databaseBytes(file: string): { name: string; bytes: Buffer }[] {
  return ['', '-wal', '-shm']
    .filter((suffix) => existsSync(file + suffix))
    .map((suffix) => ({ name: `.sqlite${suffix}`, bytes: readFileSync(file + suffix) }));
}

/**
 * Which of the person's strings the files still hold, in UTF-8 or UTF-16 (either byte order), as
 * written or in lower case (the search and sort columns and their indexes keep names folded).
 */
function tracesIn(file: string): string[] {
  const found: string[] = [];
  for (const { name, bytes } of databaseBytes(file)) {
    for (const secret of new Set(secrets.flatMap((text) => [text, text.toLowerCase()]))) {
      const forms = {
        utf8: Buffer.from(secret, 'utf8'),
        utf16le: Buffer.from(secret, 'utf16le'),
        utf16be: Buffer.from(secret, 'utf16le').swap16(),
      };
      for (const [encoding, form] of Object.entries(forms)) if (bytes.includes(form)) found.push(`${secret} (${encoding}) in ${name}`);
    }
  }
  return found;
}

describe('erasure that erases', () => {
  it('after the 30-day purge, the database, -wal and -shm hold nothing of the person, and the import keeps only the kind of file', async () => {
    const session = testSession();
    const { ctx } = session;
    const { id, other } = await personWithTraces(session);
    // The test can see the person at all: before the purge, every string is in the files.
    expect(tracesIn(ctx.databasePath).length).toBeGreaterThanOrEqual(secrets.length);

    bulkChange(ctx, { ids: [id] }, { kind: 'delete' });
    expect(purgeBin(ctx, new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    const purgedAt = new Date(Date.now() + 31 * 86_400_000);
    expect(purgeBin(ctx, purgedAt)).toBe(1);

    expect(tracesIn(ctx.databasePath)).toEqual([]);
    expect(readFileSync(`${ctx.databasePath}-wal`).length).toBe(0);

    // What is left: the id with one entry without personal data, and the import as "(Name entfernt).vcf".
    expect(historyView(ctx, { id }, 'de').map((entry) => entry.text)).toEqual([
      `Kontakt gelöscht am ${formatDate(localDate(new Date()), 'de')}, nach 30 Tagen endgültig entfernt am ${formatDate(localDate(purgedAt), 'de')}`,
    ]);
    expect(importRecords(ctx).map((record) => [record.file, record.counts.created])).toEqual([['(Name entfernt).vcf', 1]]);
    // The namesake's history still says that someone was kept apart, not who.
    expect(historyView(ctx, { id: other }, 'de').map((entry) => entry.text)).toContain(
      'Als andere Person als „gelöschter Kontakt“ markiert',
    );
    expect(ctx.repos.imports.mappings()).toEqual([]);
    const db = new BetterSqlite3(ctx.databasePath, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(0);
    db.close();
  });

  it('an erasure on request takes the person at once, leaves "Kontakt gelöscht am …", and cannot be undone', async () => {
    const session = testSession();
    const { ctx } = session;
    const { id } = await personWithTraces(session);
    // Deleted to the bin first: the erasure takes it from there, and the bin's undo no longer brings it back.
    const deleted = bulkChange(ctx, { ids: [id] }, { kind: 'delete' });

    expect(eraseContact(ctx, id)).toEqual({ id, erasedOn: localDate(new Date()), alsoErased: [], scrubbed: true, keptEvidence: [] });
    expect(tracesIn(ctx.databasePath)).toEqual([]);
    expect(historyView(ctx, { id }, 'de').map((entry) => entry.text)).toEqual([
      `Kontakt gelöscht am ${formatDate(localDate(new Date()), 'de')}`,
    ]);

    expect(undoOperation(ctx, deleted.operationId)).toEqual({ restored: 0, keptBecauseChanged: 0 });
    expect(ctx.repos.contacts.byIds([id]).size).toBe(0);
    expect(() => eraseContact(ctx, id)).toThrow(expect.objectContaining({ code: 'not_found' }));
    // A new contact never gets the erased one's id.
    expect(ctx.repos.contacts.insert({ displayName: 'Neu' })).toBeGreaterThan(id);
  });

  it('erases with a contact its earlier record merged into it and still in the bin', async () => {
    const session = testSession();
    const { ctx } = session;
    const id = await importPerson(session);
    const earlier = ctx.repos.contacts.insert({ displayName: `Z. ${person.family}`, note: `${person.note} alt` });
    mergeContacts(ctx, id, earlier);
    const bystander = ctx.repos.contacts.insert({ displayName: 'Bleibt Hier' });

    expect(eraseContact(ctx, id).alsoErased).toEqual([earlier]);
    expect(tracesIn(ctx.databasePath)).toEqual([]);
    expect(ctx.repos.contacts.isErased(earlier)).toBe(true);
    expect(ctx.repos.contacts.all().map((contact) => contact.id)).toEqual([bystander]);
  });

  it('erases earlier records merged into it by id, also after the kept contact was renamed, and through a chain of merges', async () => {
    const session = testSession();
    const { ctx } = session;
    const id = await importPerson(session);
    const middle = ctx.repos.contacts.insert({ displayName: `Zacharias Q.`, note: `${person.note} mittel` });
    const earliest = ctx.repos.contacts.insert({
      displayName: `Z. ${person.family}`,
      note: `${person.note} alt`,
      phones: [{ e164: `+49170${person.number}`, raw: `0170 ${person.number}`, label: null, kind: 'mobile' }],
    });
    // The earliest record went into the middle one, which then went into the contact kept.
    mergeContacts(ctx, middle, earliest);
    mergeContacts(ctx, id, middle);
    // Renamed after the merge: the deletion entries still give the old name.
    updateContact(ctx, id, { ...contactEditOf(requireContact(ctx, id)), displayName: 'Herr Q.' });
    const bystander = ctx.repos.contacts.insert({ displayName: 'Bleibt Hier' });

    expect(eraseContact(ctx, id).alsoErased).toEqual([middle, earliest]);
    expect(tracesIn(ctx.databasePath)).toEqual([]);
    expect(ctx.repos.contacts.all().map((contact) => contact.id)).toEqual([bystander]);
  });

  it('a record merged out of the bin again stays, with the records merged into it', async () => {
    const session = testSession();
    const { ctx } = session;
    const kept = ctx.repos.contacts.insert({ displayName: 'Anna Berg' });
    const restored = ctx.repos.contacts.insert({ displayName: 'Anna B.' });
    const earlier = ctx.repos.contacts.insert({ displayName: 'A. Berg' });
    mergeContacts(ctx, restored, earlier);
    mergeContacts(ctx, kept, restored);
    restoreContact(ctx, restored);
    expect(eraseContact(ctx, kept).alsoErased).toEqual([]);
    expect(ctx.repos.contacts.isErased(earlier)).toBe(false);
  });

  it('finds a merge recorded before version 8 (names only, no ids) by the names of both entries', async () => {
    const session = testSession();
    const { ctx } = session;
    const kept = ctx.repos.contacts.insert({ displayName: 'Anna Berg' });
    const earlier = ctx.repos.contacts.insert({ displayName: 'A. Berg' });
    const namesake = ctx.repos.contacts.insert({ displayName: 'A. Berg' });
    mergeContacts(ctx, kept, earlier);
    bulkChange(ctx, { ids: [namesake] }, { kind: 'delete' });
    const db = new BetterSqlite3(ctx.databasePath);
    db.exec("UPDATE history SET after = json_remove(after, '$.mergedFromId', '$.mergedIntoId') WHERE kind IN ('merge', 'deleted')");
    db.close();
    expect(eraseContact(ctx, kept).alsoErased).toEqual([earlier]);
    expect(ctx.repos.contacts.isErased(namesake)).toBe(false);
  });

  it('while another program reads the database: erased at once, files cleaned when it lets go and the session closes', async () => {
    const session = testSession();
    const { ctx } = session;
    const { id } = await personWithTraces(session);
    // The desktop app or the host in the middle of reading (a read transaction on an older state).
    const other = new BetterSqlite3(ctx.databasePath);
    other.exec('BEGIN');
    other.prepare('SELECT count(*) FROM contacts').get();

    const result = eraseContact(ctx, id);
    expect(result.scrubbed).toBe(false);
    expect(ctx.repos.contacts.isErased(id)).toBe(true);
    // SQLite could not overwrite what the other program may still read: the bytes are in the files.
    expect(tracesIn(ctx.databasePath)).not.toEqual([]);

    // It finishes reading but stays open (the window is still there): closing this session cleans up.
    other.exec('COMMIT');
    session.close();
    expect(tracesIn(ctx.databasePath)).toEqual([]);
    expect(readFileSync(`${ctx.databasePath}-wal`).length).toBe(0);
    other.close();
  });

  it('while another program reads past this session: the clean-up waits for the next start', async () => {
    const session = testSession();
    const { ctx } = session;
    const file = ctx.databasePath;
    const { id } = await personWithTraces(session);
    const other = new BetterSqlite3(file);
    other.exec('BEGIN');
    other.prepare('SELECT count(*) FROM contacts').get();
    expect(eraseContact(ctx, id).scrubbed).toBe(false);
    session.close();
    expect(tracesIn(file)).not.toEqual([]);

    other.exec('COMMIT');
    const next = testSession(file);
    expect(tracesIn(file)).toEqual([]);
    expect(readFileSync(`${file}-wal`).length).toBe(0);
    // Done once: nothing is left pending.
    expect(other.prepare('SELECT task FROM pending_upkeep').pluck().all()).toEqual([]);
    next.close();
    other.close();
  });
  it('an import keeps its file name while any contact it brought is left, in the list or in the bin', async () => {
    const session = testSession();
    const { ctx } = session;
    const analysis = await analyseFile(
      ctx,
      bufferSource(
        'Familie Quenzelbrodt.csv',
        Buffer.from('Vorname;Nachname;Handy\nAnna;Berg;0170 2222222\nBernd;Berg;0170 3333333\n', 'utf8'),
      ),
    );
    commitAnalyses(ctx, [analysis]);
    const [anna, bernd] = ctx.repos.contacts.all().map((contact) => contact.id);
    eraseContact(ctx, anna!);
    bulkChange(ctx, { ids: [bernd!] }, { kind: 'delete' });
    expect(importRecords(ctx).map((record) => record.file)).toEqual(['Familie Quenzelbrodt.csv']);
    eraseContact(ctx, bernd!);
    expect(importRecords(ctx).map((record) => record.file)).toEqual(['(Name entfernt).csv']);
  });
});
