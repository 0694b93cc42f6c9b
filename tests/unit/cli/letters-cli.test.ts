import { execFileSync } from 'node:child_process';
import { linkSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { readImportFile } from '../../../electron/importers/read';
import { fileSource } from '../../../electron/importers/source';
import { withCandidateList } from '../../helpers/fixtures';
import { testSession } from '../../helpers/session';
import { tempDatabasePath, tempDir } from '../../helpers/temp';
import { completeProfile } from '../../helpers/profile';
import { updateProfile } from '../../../electron/services/profile';
import { setStage } from '../../../electron/services/tracking';
import { cli } from '../../helpers/cli';

describe('CLI profile, letters and export-consented', () => {
  it('`profile --set` takes a JSON file, `profile --json` shows it with what is still missing', async () => {
    const db = tempDatabasePath();
    const first = JSON.parse((await cli('profile', '--db', db, '--json')).out);
    expect(first.missing).toEqual(['name', 'representative', 'street', 'postalCode', 'city', 'phone', 'email', 'state', 'whatsappNumber']);

    const file = path.join(tempDir(), 'betrieb.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Dachdeckerei Schulze',
        legalForm: 'GmbH',
        state: 'HE',
        dpo: { name: 'DSB Nord', email: 'dsb@example.de', address: 'Hamburg' },
      }),
    );
    expect((await cli('profile', '--db', db, '--set', file, '--json')).code).toBe(0);
    const after = JSON.parse((await cli('profile', '--db', db, '--json')).out);
    expect(after).toMatchObject({ name: 'Dachdeckerei Schulze', legalForm: 'GmbH', state: 'HE', dpo: { name: 'DSB Nord' } });
    // A GmbH's letters must also name its seat, register and managing directors (§ 35a GmbHG).
    expect(after.missing).toEqual([
      'representative',
      'street',
      'postalCode',
      'city',
      'phone',
      'email',
      'whatsappNumber',
      'seat',
      'registerCourt',
      'registerNumber',
      'managingDirectors',
    ]);

    writeFileSync(file, JSON.stringify({ state: 'XX', colour: 'blau' }));
    const refused = await cli('profile', '--db', db, '--set', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(file);
    expect(refused.err).toContain('state');
    expect(refused.err).toContain('colour');
    writeFileSync(file, JSON.stringify({ logo: 'javascript:alert(1)' }));
    expect((await cli('profile', '--db', db, '--set', file)).err).toContain('logo');
    writeFileSync(file, JSON.stringify({ logo: 'data:image/png;base64,iVBORw0KGgo=' }));
    expect((await cli('profile', '--db', db, '--set', file)).code).toBe(0);
    writeFileSync(file, JSON.stringify({ phone: '0561 7654321' }));
    await cli('profile', '--db', db, '--set', file);
    // A later change of another field keeps the logo.
    expect(JSON.parse((await cli('profile', '--db', db, '--json')).out)).toMatchObject({
      logo: 'data:image/png;base64,iVBORw0KGgo=',
      phone: '0561 7654321',
    });
    writeFileSync(file, '{ name: ');
    expect((await cli('profile', '--db', db, '--set', file)).err).toContain('ist keine lesbare JSON-Datei');
    // Nothing of the refused files was stored.
    expect(JSON.parse((await cli('profile', '--db', db, '--json')).out).state).toBe('HE');
  });

  it('`letters` refuses an incomplete profile with the missing fields, then writes the PDF and marks the contacts', async () => {
    const db = tempDatabasePath();
    const session = testSession(db);
    const address = { street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', country: null, region: null, label: null };
    const a = session.ctx.repos.contacts.insert({
      displayName: 'Anna Schmidt',
      givenName: 'Anna',
      familyName: 'Schmidt',
      gender: 'female',
      addresses: [address],
    });
    const b = session.ctx.repos.contacts.insert({
      displayName: 'Jürgen Müller',
      givenName: 'Jürgen',
      familyName: 'Müller',
      gender: 'male',
      addresses: [address],
    });
    session.close();
    const out = path.join(tempDir(), 'briefe.pdf');

    const refused = await cli('letters', '--db', db, '--out', out, '--all');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('Name des Betriebs');

    const profile = path.join(tempDir(), 'betrieb.json');
    writeFileSync(profile, JSON.stringify(completeProfile));
    await cli('profile', '--db', db, '--set', profile);
    const done = await cli('letters', '--db', db, '--out', out, '--ids', `${b},${a}`, '--json');
    expect(done.code).toBe(0);
    const result = JSON.parse(done.out);
    expect(result).toMatchObject({ file: out, printed: 2, marked: 2, withoutAddress: [] });
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' })).toContain('Sehr geehrter Herr Müller,');
    const contacts = JSON.parse((await cli('contacts', '--db', db, '--json')).out) as { stage: string }[];
    expect(contacts.map((c) => c.stage)).toEqual(['consent_requested', 'consent_requested']);

    expect((await cli('letters', '--db', db, '--out', out)).code).toBe(2);
    expect((await cli('letters', '--db', db, '--out', out, '--all', '--form', 'C')).err).toContain('--form');
  }, 60_000);

  it('`letters` leaves out who consented, refused or switched already and names them; --include-settled prints them too', async () => {
    const db = tempDatabasePath();
    const session = testSession(db);
    updateProfile(session.ctx, completeProfile);
    const address = { street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', country: null, region: null, label: null };
    let n = 0;
    const insert = (familyName: string) =>
      session.ctx.repos.contacts.insert({
        displayName: `Kunde ${familyName}`,
        familyName,
        addresses: [address],
        phones: [{ e164: `+4917011122${n}`, raw: `0170 11122${n++}`, label: null, kind: 'mobile' }],
      });
    const fresh = insert('Neu');
    const consented = insert('Eingewilligt');
    const refused = insert('Abgelehnt');
    const switched = insert('Gewechselt');
    recordConsent(session.ctx, consented, {
      purposes: ['appointments'],
      givenAt: '2026-11-20',
      method: 'phone',
      evidence: { kind: 'note', note: 'mündlich am Telefon' },
    });
    setStage(session.ctx, refused, { stage: 'consent_requested' });
    setStage(session.ctx, refused, { stage: 'consent_refused' });
    setStage(session.ctx, switched, { stage: 'switched', messenger: 'threema' });
    session.close();
    const out = path.join(tempDir(), 'briefe.pdf');

    const done = await cli('letters', '--db', db, '--out', out, '--all', '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({
      printed: 1,
      marked: 1,
      // In the order of --all: by name.
      settled: [
        { id: refused, displayName: 'Kunde Abgelehnt', reason: 'refused' },
        { id: consented, displayName: 'Kunde Eingewilligt', reason: 'consented' },
        { id: switched, displayName: 'Kunde Gewechselt', reason: 'switched' },
      ],
    });
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).not.toContain('Eingewilligt');
    const contacts = JSON.parse((await cli('contacts', '--db', db, '--json')).out) as { id: number; stage: string }[];
    expect(Object.fromEntries(contacts.map((c) => [c.id, c.stage]))).toEqual({
      [fresh]: 'consent_requested',
      [consented]: 'consent_given',
      [refused]: 'consent_refused',
      [switched]: 'switched',
    });

    const told = await cli('letters', '--db', db, '--out', out, '--ids', `${consented},${switched}`);
    expect(told.code).toBe(0);
    expect(told.out).toContain(
      `Schon entschieden, daher kein Brief (mit --include-settled trotzdem): Kunde Eingewilligt (${consented}, Einwilligung liegt vor), Kunde Gewechselt (${switched}, ist gewechselt)`,
    );

    const all = JSON.parse(
      (await cli('letters', '--db', db, '--out', out, '--ids', `${consented},${refused}`, '--include-settled', '--json')).out,
    );
    expect(all).toMatchObject({ printed: 2, settled: [] });
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('Kunde Eingewilligt');
  }, 60_000);

  it('`letters --out` puts a whole new file in place of the old one by renaming, and marks nobody when it cannot write it', async () => {
    const db = tempDatabasePath();
    const session = testSession(db);
    updateProfile(session.ctx, completeProfile);
    const address = { street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', country: null, region: null, label: null };
    const id = session.ctx.repos.contacts.insert({
      displayName: 'Anna Schmidt',
      givenName: 'Anna',
      familyName: 'Schmidt',
      gender: 'female',
      addresses: [address],
    });
    session.close();
    const folder = tempDir();
    const out = path.join(folder, 'briefe.pdf');
    writeFileSync(out, 'die Briefe von gestern');
    // A second name for the old file: written in place, it would show the new bytes too; replaced by a rename, it keeps the old ones.
    const oldFile = path.join(tempDir(), 'gestern.pdf');
    linkSync(out, oldFile);

    const done = await cli('letters', '--db', db, '--out', out, '--ids', String(id), '--json');
    expect(done.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(oldFile, 'utf8')).toBe('die Briefe von gestern');
    expect(readdirSync(folder)).toEqual(['briefe.pdf']);

    // A folder that is not there: nothing written, a message naming the file, and the contact stays as it was.
    const second = testSession(db);
    const other = second.ctx.repos.contacts.insert({
      displayName: 'Jürgen Müller',
      familyName: 'Müller',
      gender: 'male',
      addresses: [address],
    });
    second.close();
    const nowhere = path.join(folder, 'fehlt', 'briefe.pdf');
    const refused = await cli('letters', '--db', db, '--out', nowhere, '--ids', String(other));
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `Die Datei „${nowhere}“ ließ sich nicht schreiben: Den Ordner gibt es nicht. Eine frühere Datei dieses Namens ist unverändert, und die Kontakte sind nicht markiert.`,
    );
    const contacts = JSON.parse((await cli('contacts', '--db', db, '--json')).out) as { id: number; stage: string }[];
    expect(contacts.find((c) => c.id === other)!.stage).toBe('new');
  }, 60_000);

  it('`export-consented` writes only contacts whose consent is given and not withdrawn', async () => {
    const db = tempDatabasePath();
    const session = testSession(db);
    const { contacts } = session.ctx.repos;
    const mobile = (e164: string) => [{ e164, raw: e164, label: null, kind: 'mobile' as const }];
    const given = contacts.insert({
      displayName: 'Anna Schmidt; "Bau"',
      givenName: 'Anna',
      familyName: 'Schmidt',
      organization: 'Schmidt, Bau & Co',
      phones: mobile('+491701234567'),
    });
    const withdrawn = contacts.insert({ displayName: 'Jürgen Müller', phones: mobile('+491702222222') });
    contacts.insert({ displayName: 'Nie gefragt', phones: mobile('+491703333333') });
    for (const id of [given, withdrawn])
      recordConsent(session.ctx, id, {
        purposes: ['appointments'],
        givenAt: '2026-11-01',
        textVersion: 'EW-1',
        method: 'signed_letter',
        evidence: { kind: 'note', note: 'Formular liegt im Ordner' },
      });
    withdrawConsent(session.ctx, withdrawn, { purposes: ['appointments'], date: '2026-11-20' });
    session.close();

    const file = path.join(tempDir(), 'firmenhandy.vcf');
    const result = await cli('export-consented', '--db', db, '--out', file, '--json');
    expect(JSON.parse(result.out)).toMatchObject({ count: 1, ids: [given] });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('\r\n');
    // Our own importer reads it back as a phone would: names, company and number intact.
    const { candidates, format } = withCandidateList(await readImportFile(await fileSource(file), { region: 'DE' }));
    expect(format).toBe('vcard');
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({
      displayName: 'Anna Schmidt; "Bau"',
      givenName: 'Anna',
      familyName: 'Schmidt',
      organization: 'Schmidt, Bau & Co',
    });
    expect(candidates[0]!.phones.map((p) => p.e164)).toEqual(['+491701234567']);
  });
});

describe('why the letters file could not be written', () => {
  it('names the reason in words, a bare system code as such, and never puts a raw error message into the sentence', async () => {
    const { writeFailureReason } = await import('../../../electron/cli/commands/letters');
    const failure = (code: string) => Object.assign(new Error(`${code}: something, open '/tmp/x'`), { code });
    expect(writeFailureReason('de', failure('ENOSPC'))).toBe('Der Datenträger ist voll');
    expect(writeFailureReason('de', failure('EIO'))).toBe('Fehler EIO');
    expect(writeFailureReason('de', new TypeError('Cannot read properties of undefined (reading "write")'))).toBe(
      'Der Grund ist nicht bekannt',
    );
    expect(writeFailureReason('en', 'a thrown string')).toBe('The reason is not known');
    expect(writeFailureReason('de', Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe('Der Grund ist nicht bekannt');
  });
});
