import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI', () => {
  it('`contacts --json` prints [] for a new database', async () => {
    expect(await cli('contacts', '--db', tempDatabasePath(), '--json')).toEqual({ code: 0, out: '[]', err: '' });
  });

  it('`contacts --json` prints every contact with numbers and addresses', async () => {
    const file = tempDatabasePath();
    testSession(file).ctx.repos.contacts.insertMany([
      { displayName: 'Bernd Schulze', givenName: 'Bernd', familyName: 'Schulze', organization: 'Dachdecker Schulze GmbH', kind: 'customer', phones: [{ e164: '+491701234567', raw: '0170 1234567', label: 'Handy', kind: 'mobile' }], emails: [{ address: 'b@schulze.de', label: null }] },
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
    const stdout = execFileSync('npm', ['run', '--silent', 'cli', '--', 'contacts', '--db', tempDatabasePath(), '--json'], { cwd: root, encoding: 'utf8' });
    expect(stdout).toBe('[]\n');
    const help = spawnSync('npm', ['run', '--silent', 'cli', '--', '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Aufruf: npm run --silent cli');
  });
});

describe('CLI tracking', () => {
  it('`set-stage` moves a contact, refuses an impossible step with exit code 2, `history` shows both', async () => {
    const file = tempDatabasePath();
    const [id] = testSession(file).ctx.repos.contacts.insertMany([{ displayName: 'Anna Berg' }]);
    const refused = await cli('set-stage', String(id), 'switched', '--db', file, '--json');
    expect(refused).toMatchObject({ code: 2, out: '', err: '„Anna Berg“ kann nicht von „Neu“ zu „Gewechselt“ wechseln.' });
    const invited = await cli('set-stage', String(id), 'invited', '--channel', 'whatsapp', '--date', '2026-11-20', '--db', file, '--json');
    expect(invited.code).toBe(0);
    expect(JSON.parse(invited.out)).toMatchObject({ id, stage: 'invited', status: 'invited' });
    const switched = await cli('set-stage', String(id), 'switched', '--messenger', 'signal', '--db', file, '--json');
    expect(JSON.parse(switched.out)).toMatchObject({ stage: 'switched', target: 'signal', messenger: 'signal' });
    const history = await cli('history', String(id), '--db', file, '--json');
    expect(JSON.parse(history.out).map((entry: { text: string }) => entry.text)).toEqual(['Stand: Eingeladen → Gewechselt (zu Signal)', 'Stand: Neu → Eingeladen (per WhatsApp)']);
    expect(await cli('history', '999', '--db', file, '--json')).toMatchObject({ code: 2, err: 'Diesen Kontakt gibt es nicht (mehr).' });
    expect(await cli('set-stage', String(id), 'flying', '--db', file)).toMatchObject({ code: 2 });
  });
});
