import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeProfile } from '../../helpers/profile';
import { tempDatabasePath, tempDir } from '../../helpers/temp';
import { cli } from '../../helpers/cli';

const profileFile = (content: unknown) => {
  const file = path.join(tempDir(), 'betrieb.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('CLI profile --set: the fields a letter uses', () => {
  it('takes a file that names only the messengers the business is on; the others are not used', async () => {
    const db = tempDatabasePath();
    expect((await cli('profile', '--db', db, '--set', profileFile(completeProfile))).code).toBe(0);
    const file = profileFile({
      messengers: { signal: '+49 171 9876543' },
      messengerTexts: { signal: 'Unser Betriebshandy ist auf Signal.' },
    });
    const result = await cli('profile', '--db', db, '--set', file, '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    const stored = JSON.parse((await cli('profile', '--db', db, '--json')).out);
    expect(stored.messengers).toEqual({ signal: '+49 171 9876543', threema: null, wire: null, element: null, ginlo: null });
    expect(stored.messengerTexts).toEqual({
      signal: 'Unser Betriebshandy ist auf Signal.',
      threema: null,
      wire: null,
      element: null,
      ginlo: null,
    });
    expect(stored).toMatchObject({ name: 'Dachdeckerei Schulze', missing: [] });
  });

  it('refuses a postal code, e-mail or messenger id in the wrong form with exit code 2, naming the field, and stores nothing', async () => {
    const db = tempDatabasePath();
    await cli('profile', '--db', db, '--set', profileFile(completeProfile));
    const refused = await cli(
      'profile',
      '--db',
      db,
      '--set',
      profileFile({ postalCode: '341170', email: 'info(at)schulze-dach.de', messengers: { threema: 'abcd1234', element: 'schulze' } }),
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      'Das Betriebsprofil wurde nicht gespeichert. Feld „PLZ“: Bitte geben Sie die Postleitzahl mit fünf Ziffern an, zum Beispiel 34117. ' +
        'Feld „E-Mail“: Bitte geben Sie eine vollständige E-Mail-Adresse an, zum Beispiel info@ihr-betrieb.de. ' +
        'Feld „Element“: Bitte geben Sie die Matrix-ID in der Form @name:server an, zum Beispiel @betrieb:matrix.org.',
    );
    expect(JSON.parse((await cli('profile', '--db', db, '--json')).out)).toMatchObject({
      postalCode: '34117',
      email: 'info@schulze-dach.de',
      messengers: completeProfile.messengers,
    });

    // The Threema id typed in lower case was no problem: it is stored in capitals.
    expect((await cli('profile', '--db', db, '--set', profileFile({ messengers: { threema: 'abcd1234' } }))).code).toBe(0);
    expect(JSON.parse((await cli('profile', '--db', db, '--json')).out).messengers.threema).toBe('ABCD1234');
  });
});
