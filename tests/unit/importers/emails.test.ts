import { describe, expect, it } from 'vitest';
import { bufferSource, fileSource } from '../../../electron/importers/source';
import { normalizeContact } from '../../../electron/importers/normalize';
import { emptyContact } from '../../../electron/importers/types';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { previewRows } from '../../../electron/services/import-preview';
import { byName, fixturePath, readFixture } from '../../helpers/fixtures';
import { testSession } from '../../helpers/session';

describe('e-mail texts that are not addresses', () => {
  it('a cell is split at ; , and " ::: ", at a space only where every part is an address; the rest is kept as written, flagged', async () => {
    const { candidates } = await readFixture('emails-as-typed.csv');
    // Never cut into the different, valid "3@example.de".
    expect(byName(candidates, 'Anna Schmitz').emails).toEqual([{ address: 'business 3@example.de', label: null, valid: false }]);
    expect(byName(candidates, 'Bernd Schulze').emails.map((e) => [e.address, e.valid])).toEqual([
      ['bernd@example.de', true],
      ['b.schulze@example.de', true],
    ]);
    // The same address twice (in any case) is one.
    expect(byName(candidates, 'Carla Neumann').emails.map((e) => e.address)).toEqual(['carla@example.de']);
    // Invalid ones are deduplicated too; a list's "-" is no e-mail at all.
    expect(byName(candidates, 'Dieter Wolf').emails).toEqual([
      { address: 'siehe Firma', label: null, valid: false },
      { address: 'business 3@example.de', label: null, valid: false },
    ]);
    expect(byName(candidates, 'Emil Roth').emails).toEqual([]);
  });

  it('an invalid text never stands for the contact: not its name, and without a name it is no contact way', () => {
    const named = normalizeContact(
      {
        ...emptyContact(4),
        emails: [
          { address: 'mailto:info at example.de', label: null },
          { address: ' Info@Example.de ', label: 'work' },
        ],
      },
      'DE',
    );
    expect(named).toMatchObject({
      displayName: 'Info@Example.de',
      invalidReason: null,
      emails: [
        { address: 'info at example.de', label: null, valid: false },
        { address: 'Info@Example.de', label: 'work', valid: true },
      ],
    });
    const nameless = normalizeContact({ ...emptyContact(7), emails: [{ address: 'anna@example', label: null }] }, 'DE');
    expect(nameless).toMatchObject({
      displayName: '',
      invalidReason: 'onlyInvalidEmail',
      emails: [{ address: 'anna@example', valid: false }],
    });
    const placeholders = normalizeContact(
      { ...emptyContact(8), givenName: 'Ute', emails: ['-', 'keine', 'n/a', 'k.A.', '—'].map((address) => ({ address, label: null })) },
      'DE',
    );
    expect(placeholders.emails).toEqual([]);
  });

  it('the preview shows them flagged; the import stores them flagged', async () => {
    const session = testSession();
    const analysis = await analyseFile(session.ctx, await fileSource(fixturePath('emails-as-typed.csv')));
    const { rows } = previewRows(analysis, { offset: 0, limit: 10 }, 'de');
    expect(rows.find((row) => row.displayName === 'Anna Schmitz')!.emails).toEqual([{ address: 'business 3@example.de', valid: false }]);
    expect(rows.find((row) => row.displayName === 'Bernd Schulze')!.emails).toEqual([
      { address: 'bernd@example.de', valid: true },
      { address: 'b.schulze@example.de', valid: true },
    ]);
    expect(rows.find((row) => row.line === 7)).toMatchObject({
      action: 'invalid',
      reason: 'Kein Name und nur eine ungültige E-Mail-Adresse',
      emails: [{ address: 'anna@example', valid: false }],
    });

    commitAnalyses(session.ctx, [analysis]);
    const anna = session.ctx.repos.contacts.all().find((c) => c.displayName === 'Anna Schmitz')!;
    expect(anna.emails).toEqual([{ address: 'business 3@example.de', label: null, valid: false }]);
  });

  it('Google’s " ::: " between two addresses splits them; an invalid text next to one stays whole', async () => {
    const source = bufferSource(
      'google.csv',
      Buffer.from('Name,E-mail 1 - Type,E-mail 1 - Value\r\nKlaus Berg,* Home,"klaus@berg.de ::: klaus berg@web.de"\r\n', 'utf8'),
    );
    const session = testSession();
    const analysis = await analyseFile(session.ctx, source);
    const { rows } = previewRows(analysis, { offset: 0, limit: 10 }, 'de');
    expect(rows[0]!.emails).toEqual([
      { address: 'klaus@berg.de', valid: true },
      { address: 'klaus berg@web.de', valid: false },
    ]);
  });
});
