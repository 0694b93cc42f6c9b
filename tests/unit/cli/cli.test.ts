import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../helpers/session';
import { tempDatabasePath, tempDir } from '../../helpers/temp';
import { cli, withoutLocale } from '../../helpers/cli';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('CLI', () => {
  it('`contacts --json` prints [] for a new database', async () => {
    expect(await cli('contacts', '--db', tempDatabasePath(), '--json')).toEqual({ code: 0, out: '[]', err: '' });
  });

  it('`contacts --json` prints every contact with numbers and addresses', async () => {
    const file = tempDatabasePath();
    testSession(file).ctx.repos.contacts.insertMany([
      {
        displayName: 'Bernd Schulze',
        givenName: 'Bernd',
        familyName: 'Schulze',
        organization: 'Dachdecker Schulze GmbH',
        kind: 'customer',
        phones: [{ e164: '+491701234567', raw: '0170 1234567', label: 'Handy', kind: 'mobile' }],
        emails: [{ address: 'b@schulze.de', label: null }],
      },
    ]);
    const result = await cli('contacts', '--db', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual([
      {
        id: 1,
        displayName: 'Bernd Schulze',
        givenName: 'Bernd',
        familyName: 'Schulze',
        organization: 'Dachdecker Schulze GmbH',
        phones: [{ e164: '+491701234567', raw: '0170 1234567', label: 'Handy', kind: 'mobile' }],
        emails: ['b@schulze.de'],
        kind: 'customer',
        language: 'de',
        formal: null,
        status: 'new',
        stage: 'new',
        target: null,
        messenger: null,
        messengerId: null,
        tags: [],
        onWhatsapp: false,
      },
    ]);
  });

  it('--help lists the commands in German; an unknown command or option is refused with exit code 2', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('contacts');
    expect(help.out).toContain('Befehle');
    expect(await cli('delete-everything')).toMatchObject({ code: 2, err: expect.stringContaining('Unbekannter Befehl') });
    expect(await cli('contacts', '--colour')).toMatchObject({ code: 2 });
  });

  it('reports a database from a newer version in one German sentence, exit code 1', async () => {
    const file = tempDatabasePath();
    testSession(file).ctx.repos.settings.writeMany({});
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    const result = await cli('contacts', '--db', file, '--json');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/neueren Version/);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('runs as `npm run --silent cli -- contacts --db … --json` with nothing but JSON on stdout', () => {
    const stdout = execFileSync('npm', ['run', '--silent', 'cli', '--', 'contacts', '--db', tempDatabasePath(), '--json'], {
      cwd: root,
      encoding: 'utf8',
      env: withoutLocale(),
    });
    expect(stdout).toBe('[]\n');
    const help = spawnSync('npm', ['run', '--silent', 'cli', '--', '--help'], { cwd: root, encoding: 'utf8', env: withoutLocale() });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Aufruf: npm run --silent cli');
    // The real command line reads the locale of the process it runs in.
    const english = spawnSync('npm', ['run', '--silent', 'cli', '--', '--help'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...withoutLocale(), LANG: 'en_GB.UTF-8' },
    });
    expect(english.status).toBe(0);
    expect(english.stdout).toContain('Usage: npm run --silent cli');
  });
});

describe('CLI tracking', () => {
  it('`set-stage` moves a contact, refuses an impossible step with exit code 2, `history` shows both', async () => {
    const file = tempDatabasePath();
    const [id] = testSession(file).ctx.repos.contacts.insertMany([{ displayName: 'Anna Berg' }]);
    const refused = await cli('set-stage', String(id), 'consent_refused', '--db', file, '--json');
    expect(refused).toMatchObject({ code: 2, out: '', err: '„Anna Berg“ kann nicht von „Neu“ zu „Einwilligung abgelehnt“ wechseln.' });
    const invited = await cli('set-stage', String(id), 'invited', '--channel', 'whatsapp', '--date', '2026-11-20', '--db', file, '--json');
    expect(invited.code).toBe(0);
    expect(JSON.parse(invited.out)).toMatchObject({ id, stage: 'invited', status: 'invited' });
    const switched = await cli('set-stage', String(id), 'switched', '--messenger', 'signal', '--db', file, '--json');
    expect(JSON.parse(switched.out)).toMatchObject({ stage: 'switched', target: 'signal', messenger: 'signal' });
    const history = await cli('history', String(id), '--db', file, '--json');
    expect(JSON.parse(history.out).map((entry: { text: string }) => entry.text)).toEqual([
      'Stand: Eingeladen → Gewechselt (zu Signal)',
      'Stand: Neu → Eingeladen (per WhatsApp)',
    ]);
    expect(await cli('history', '999', '--db', file, '--json')).toMatchObject({ code: 2, err: 'Diesen Kontakt gibt es nicht (mehr).' });
    expect(await cli('set-stage', String(id), 'flying', '--db', file)).toMatchObject({ code: 2 });
  });

  it('`consent` records a consent with its proof; `set-stage … consent_given` is refused, saying how', async () => {
    const file = tempDatabasePath();
    const session = testSession(file);
    const mobile = (digits: string) => [{ e164: `+49170${digits}`, raw: `0170 ${digits}`, label: null, kind: 'mobile' as const }];
    const [anna, bernd, office] = session.ctx.repos.contacts.insertMany([
      { displayName: 'Anna Berg', phones: mobile('1234567') },
      { displayName: 'Bernd Schulze', phones: mobile('7654321') },
      { displayName: 'Büro Schulze', phones: [{ e164: '+49561112233', raw: '0561 112233', label: null, kind: 'landline' }] },
    ]);
    session.close();
    const bare = await cli('set-stage', String(anna), 'consent_given', '--db', file, '--json');
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('consent <ID> --purposes');
    expect(bare.err).toContain('--evidence-note');
    // Without proof, or without a date, nothing is recorded.
    expect(await cli('consent', String(anna), '--purposes', 'appointments', '--date', '2026-11-20', '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringContaining('Ohne Nachweis keine Einwilligung'),
    });
    expect(await cli('consent', String(anna), '--purposes', 'appointments', '--evidence-note', 'mündlich', '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringContaining('--date'),
    });
    expect(
      await cli('consent', String(anna), '--purposes', 'werbung', '--date', '2026-11-20', '--evidence-note', 'mündlich', '--db', file),
    ).toMatchObject({ code: 2, err: expect.stringContaining('werbung') });

    // A landline cannot be on WhatsApp: nothing to consent to.
    expect(
      await cli(
        'consent',
        String(office),
        '--purposes',
        'appointments',
        '--date',
        '2026-11-20',
        '--evidence-note',
        'mündlich',
        '--db',
        file,
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('keine Handynummer') });
    const noted = await cli(
      'consent',
      String(anna),
      '--purposes',
      'appointments,site_photos',
      '--date',
      '2026-11-20',
      '--version',
      'EW-TEST',
      '--evidence-note',
      'mündlich am Telefon, Notiz in der Akte',
      '--db',
      file,
      '--json',
    );
    expect(noted.code).toBe(0);
    expect(JSON.parse(noted.out)).toMatchObject({ id: anna, stage: 'consent_given', target: 'whatsapp_consent' });
    const scan = path.join(tempDir(), 'Einwilligung Bernd.pdf');
    writeFileSync(scan, '%PDF-1.4\nunterschrieben\n');
    expect(
      (
        await cli(
          'consent',
          String(bernd),
          '--purposes',
          'appointments',
          '--date',
          '2026-11-21',
          '--evidence',
          scan,
          '--db',
          file,
          '--json',
        )
      ).code,
    ).toBe(0);
    expect(
      await cli(
        'consent',
        String(bernd),
        '--purposes',
        'appointments',
        '--date',
        '2026-11-21',
        '--evidence',
        path.join(tempDir(), 'fehlt.pdf'),
        '--db',
        file,
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('lässt sich nicht lesen') });

    const check = testSession(file);
    expect(
      check.ctx.repos.tracking.consents(anna!).map((c) => [c.purpose, c.givenAt, c.textVersion, c.method, c.evidenceId, c.evidenceNote]),
    ).toEqual([
      ['appointments', '2026-11-20', 'EW-TEST', 'phone', null, 'mündlich am Telefon, Notiz in der Akte'],
      ['site_photos', '2026-11-20', 'EW-TEST', 'phone', null, 'mündlich am Telefon, Notiz in der Akte'],
    ]);
    const [withScan] = check.ctx.repos.tracking.consents(bernd!);
    expect(withScan).toMatchObject({ method: 'signed_letter', evidenceNote: null, textVersion: expect.stringMatching(/^EW-/) });
    expect(check.ctx.repos.tracking.evidence(withScan!.evidenceId!)).toMatchObject({
      fileName: 'Einwilligung Bernd.pdf',
      mime: 'application/pdf',
    });
  });
});
