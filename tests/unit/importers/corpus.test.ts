import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../../electron/importers/read';
import { fileSource } from '../../../electron/importers/source';
import { withCandidateList } from '../../helpers/fixtures';

// 57 real exports from phones and programs, kept beside the project (../shared/corpus), never copied in.
const corpus = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus');
const present = existsSync(path.join(corpus, 'MANIFEST.md'));
const notSamples = /(^|\/)(MANIFEST\.md|README\.md|manifest\.json|vcard-samples-license\.txt)$/;

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
const samples = present
  ? walk(corpus)
      .filter((file) => !notSamples.test(file))
      .map((file) => path.relative(corpus, file))
  : [];

const readings = new Map<string, Promise<ReturnType<typeof withCandidateList>>>();
const read = (file: string) => {
  if (!readings.has(file))
    readings.set(
      file,
      fileSource(path.join(corpus, file)).then(async (source) => withCandidateList(await readImportFile(source, { region: 'DE' }))),
    );
  return readings.get(file)!;
};
const contact = async (file: string, name: string) => {
  const found = (await read(file)).candidates.find((c) => c.displayName === name);
  if (!found) throw new Error(`${file}: no "${name}" in ${JSON.stringify((await read(file)).candidates.map((c) => c.displayName))}`);
  return found;
};

describe('the real-world corpus', () => {
  it('is here (../shared/corpus), with its 57 samples', () => {
    // On a machine without the corpus this states it, and the per-file tests below do not exist.
    expect(samples.length).toBe(present ? 57 : 0);
  });

  it.each(samples)('%s: imported or refused with a message, never a crash', async (file) => {
    const reading = await read(file);
    if (reading.rejected) expect(reading.issues.length).toBeGreaterThan(0);
    else {
      expect(reading.format).not.toBeNull();
      expect(reading.candidates.length + (reading.chat?.participants.length ?? 0)).toBeGreaterThan(0);
      for (const candidate of reading.candidates) {
        expect(candidate.displayName.includes('\ufffd') && !file.includes('adb_outlook2007')).toBe(false);
        for (const phone of candidate.phones) expect(phone.e164 === null || /^\+\d{6,15}$/.test(phone.e164)).toBe(true);
      }
    }
  });
});

// Hand-checked against the files, one or more per producer: only where the corpus is (the first test
// above states whether it is), so a machine without it runs none rather than skipping them.
const handChecked = present ? describe : () => undefined;
handChecked('hand-checked samples per producer', () => {
  it('Android stock export (every byte quoted-printable, French accents)', async () => {
    const c = await contact('cozy-vcard/contactA/android.vcf', 'Testé de Cozy');
    expect(c).toMatchObject({ givenName: 'Testé', familyName: 'de Cozy', organization: 'Société Cozycloud', birthday: '1989-02-02' });
    expect(c.phones[0]).toMatchObject({ raw: '+33612345678', e164: '+33612345678', kind: 'mobile' });
  });

  it('iPhone (CR CR LF, item groups, Apple labels) and iOS 8 (no-break spaces, no-year birthday)', async () => {
    const iphone = await contact('ez-vcard/John_Doe_IPHONE.vcf', 'Mr. John Richter James Doe Sr.');
    expect(iphone.phones.map((p) => p.label)).toContain('AssistantPhone');
    expect(iphone.emails[0]!.address).toBe('john.doe@ibm.com');
    const ios = await contact('cozy-vcard/contactA/ios.vcf', 'Testé de Cozy');
    expect(ios.phones[0]).toMatchObject({ raw: '+33 6 12 34 56 78', e164: '+33612345678' });
    expect(ios.birthday).toBe('--02-02');
  });

  it('German Outlook 2013 CSV (windows-1252, comma)', async () => {
    const c = await contact('tine20/importtest_outlook2013.csv', 'Cornelius Weiß');
    expect(c.organization).toBe('unittest');
    expect(c.phones[0]).toMatchObject({ raw: '040 6432131545', e164: '+49406432131545', label: 'work' });
    expect((await read('tine20/importtest_outlook2013.csv')).encoding).toBe('windows-1252');
  });

  it('German Outlook 2007 CSV whose umlauts were destroyed: its headers still recognised', async () => {
    const reading = await read('tine20/adb_outlook2007_default_de.csv');
    expect(reading.table?.unknown).toEqual([]);
    expect((await contact('tine20/adb_outlook2007_default_de.csv', 'Vorname Nachname')).organization).toBe('Firma');
  });

  it('English Outlook CSV (92 columns, multi-line notes)', async () => {
    const c = await contact('horde-Data/bug_6311.csv', 'John Smith');
    expect(c.organization).toBe('International Inc');
    expect(c.phones.map((p) => [p.raw, p.label])).toEqual([
      ['(123) 555-1111', 'fax'],
      ['(123) 555-2222', 'work'],
      ['(123) 555-3333', 'mobile'],
    ]);
  });

  it('Gmail vCard and legacy Google CSV with German mobile numbers', async () => {
    expect((await contact('ez-vcard/John_Doe_GMAIL.vcf', 'Mr. John Richter, James Doe Sr.')).emails[0]!.address).toBe('john.doe@ibm.com');
    const ando = await contact('tine20/google_contacts.csv', 'Ando');
    expect(ando.phones[0]).toMatchObject({ e164: '+49227913452', label: 'Mobile' });
  });

  it('Thunderbird: UTF-8 export, Shift_JIS and UTF-16 LE files', async () => {
    expect((await read('releases-comm-central/export.csv')).candidates.map((c) => c.displayName)).toEqual([
      'contact number one',
      'contact number two',
    ]);
    const japanese = await contact('releases-comm-central/shiftjis_addressbook.csv', '名無しの権兵衛');
    expect(japanese).toMatchObject({ givenName: '権兵衛', familyName: '名無し' });
    expect((await read('releases-comm-central/utf16_addressbook.csv')).candidates[0]).toMatchObject({
      displayName: 'John Doe',
      emails: [{ address: 'johndoe@host.invalid', label: null }],
    });
  });

  it('Japanese feature phone: Shift_JIS raw and quoted-printable', async () => {
    const c = await contact('android_frameworks_opt_vcard/v21_japanese_2.vcf', '安藤 ロイド 1');
    expect(c).toMatchObject({ familyName: '安藤', givenName: 'ロイド1' });
    expect(c.addresses[0]!.street).toBe('東京都渋谷区桜丘町26-1セルリアンタワー6階');
  });

  it('BlackBerry (base64 photo without the blank line) and a Gammu phone (soft break inside =XX, Cyrillic)', async () => {
    const bb = await contact('android_frameworks_opt_vcard/v21_blackberry_photo.vcf', 'boogie');
    expect(bb.emails[0]!.address).toBe('forrestgump@walladalla.com');
    expect(bb.phones.map((p) => p.raw)).toEqual(['+5555555', '+5555556']);
    expect((await contact('gammu/quoted-printable-new-line.vcf', 'ПОРКС - PRIMA')).phones[0]!.raw).toBe('+222222222222');
  });

  it('Mac address book in UTF-16 BE without BOM, and a German Apple CSV with TABs', async () => {
    expect((await read('roundcubemail/utf-16_sample.vcf')).candidates[0]!.displayName).toBe('Ǽgean ĽdaMonté');
    const max = await contact('tine20/adb_mac_import.csv', 'Max Mustermann');
    expect(max.addresses[0]).toMatchObject({ street: 'Musterstraße 1', postalCode: '22767', city: 'Hamburg' });
  });

  it('windows-1252 vCard, ISO-8859-2 without a label (read as windows-1252: ñ for ń), ThunderSync’s lying label', async () => {
    expect((await read('roundcubemail/johndoe.vcf')).candidates[0]!.displayName).toBe('John Doë');
    // The Bat! gives no charset at all; its =F1 is ń in ISO-8859-2 but ñ in windows-1252. Nothing in
    // the file says which, so the German office default wins.
    expect((await read('roundcubemail/thebat.vcf')).candidates[0]!.displayName).toBe('Piotr Iksiñski');
    // The user who sees "Iksiñski" chooses Central European, and the name comes out right.
    const chosen = withCandidateList(
      await readImportFile(await fileSource(path.join(corpus, 'roundcubemail/thebat.vcf')), { region: 'DE', legacyEncoding: 'iso-8859-2' }),
    );
    expect(chosen.candidates[0]).toMatchObject({ displayName: 'Piotr Iksiński', familyName: 'Iksiński' });
    expect(chosen.encoding).toBe('iso-8859-2');
    expect((await contact('cozy-vcard/contactA/thundersync.vcf', 'Testé de Cozy')).addresses[0]!.street).toBe('12, rue René Boulanger');
  });

  it('German Packstation address broken over backslash lines; Nextcloud 4.0 with caret escapes', async () => {
    const bogus = await contact('android_frameworks_opt_vcard/v21_adr_multiple_line.vcf', 'bogus');
    expect(bogus.addresses[1]).toMatchObject({
      street: 'Hermann v. Brevern\n9999999\nPackstation 999',
      city: 'Hamburg',
      postalCode: '99999',
    });
    expect((await contact('ez-vcard/issue114.vcf', 'Dummy, Dummy')).phones[1]).toMatchObject({ e164: '+49987654321', label: 'work' });
  });

  it('every phone label read from a vCard is a real label: a known type, or a custom label the file writes', async () => {
    const types = new Set([
      'cell',
      'mobile',
      'work',
      'home',
      'fax',
      'pager',
      'msg',
      'car',
      'isdn',
      'video',
      'pcs',
      'bbs',
      'modem',
      'text',
      'textphone',
      'main',
      'iphone',
      'other',
    ]);
    const labels: string[] = [];
    for (const file of samples.filter((name) => name.endsWith('.vcf'))) {
      const text = readFileSync(path.join(corpus, file), 'latin1');
      for (const c of (await read(file)).candidates) {
        for (const p of c.phones) {
          if (p.label === null) continue;
          labels.push(p.label);
          // A custom label comes from an X-ABLabel (Apple, Google) of the same file.
          if (!p.label.split(',').every((part) => types.has(part)))
            expect(text, `${file}: ${p.label}`).toMatch(
              new RegExp(`X-ABLabel:(_\\$!<)?${p.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i'),
            );
        }
      }
    }
    expect(labels.length).toBeGreaterThan(100);
    expect(new Set(labels)).toContain('AssistantPhone');
  });

  it('German Outlook: its "Ort" is the Location field, not a city (the cities are "Ort geschäftlich", "Weiterer Ort" …)', async () => {
    const { table } = await read('tine20/importtest_outlook2013.csv');
    const target = (header: string) => table!.mapping[table!.headers.indexOf(header)];
    expect([target('Ort'), target('Weiterer Ort'), target('Ort geschäftlich'), target('Ort privat')]).toEqual([
      'ignore',
      'city',
      'city:work',
      'city:home',
    ]);
    expect(table!.unknown).toEqual([]);
  });

  it('e-mail texts that are not addresses are kept, flagged (Android’s "ÑÑÑ…", Thunderbird’s "contact1@invalid")', async () => {
    const android = (await read('ez-vcard/John_Doe_ANDROID.vcf')).candidates.flatMap((c) => c.emails);
    expect(android).toContainEqual({ address: 'ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ', label: null, valid: false });
    expect(android.filter((e) => e.valid).map((e) => e.address)).toEqual([
      'john.doe@company.com',
      'jane.doe@company.com',
      'bob@company.com',
      'henry@company.com',
    ]);
    expect((await contact('releases-comm-central/export.csv', 'contact number one')).emails).toEqual([
      { address: 'contact1@invalid', label: null, valid: false },
    ]);
  });

  it('a number without +, 00 or a leading 0 is flagged, not read as a German one (iOS "(650) 555-1212", Android "3456789")', async () => {
    const ios = await read('android_frameworks_opt_vcard/v30_ios_613_multiline.vcf');
    expect(ios.candidates[0]!.phones).toEqual([{ raw: '(650) 555-1212', e164: null, kind: 'invalid', label: 'cell' }]);
    expect(ios.issues).toEqual([{ line: 1, key: 'numberWithoutTrunkPrefix', vars: { line: 1, number: '(650) 555-1212' } }]);
    const android = (await read('ez-vcard/John_Doe_ANDROID.vcf')).candidates.flatMap((c) => c.phones);
    expect(android.filter((p) => p.e164 !== null)).toEqual([]);
  });

  it('the corpus holds no Hebrew labels (they are covered by grouped-labels.vcf)', async () => {
    for (const file of samples) {
      for (const c of (await read(file)).candidates) for (const p of c.phones) expect(/[\u0590-\u05ff]/.test(p.label ?? '')).toBe(false);
    }
  });
});
