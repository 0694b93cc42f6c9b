import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/run';
import { environmentLanguage, takeLanguageOption } from '../../../electron/cli/language';
import { updateSettings } from '../../../electron/services/settings';
import { translate } from '../../../shared/i18n';
import { cli, cliWith } from '../../helpers/cli';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** A database with one contact who is new (no mobile number needed for these steps). */
function databaseWithAnna(): { file: string; anna: number } {
  const file = tempDatabasePath();
  const session = testSession(file);
  const [anna] = session.ctx.repos.contacts.insertMany([
    { displayName: 'Anna Berg', phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }] },
  ]);
  session.close();
  return { file, anna: anna! };
}

const stageOf = async (file: string, id: number) =>
  (JSON.parse((await cli('contacts', '--db', file, '--json')).out) as { id: number; stage: string }[]).find((c) => c.id === id)?.stage;

describe('CLI language: German by default, English with LANG=en or --lang en', () => {
  it('says a refusal wholly in the language asked for, the words put into it too (the settings German, --lang en, and the other way round)', async () => {
    const { file, anna } = databaseWithAnna();
    expect((await cli('set-stage', String(anna), 'switched', '--messenger', 'signal', '--db', file)).code).toBe(0);
    // A contact who switched cannot be invited: the stage names are translated like the sentence.
    expect(await cli('set-stage', String(anna), 'invited', '--db', file, '--lang', 'en')).toMatchObject({
      code: 2,
      err: '“Anna Berg” cannot go from “Switched” to “Invited”.',
    });
    const session = testSession(file);
    updateSettings(session.ctx, { language: 'en' });
    session.close();
    expect(await cli('set-stage', String(anna), 'invited', '--db', file, '--lang', 'de')).toMatchObject({
      code: 2,
      err: '„Anna Berg“ kann nicht von „Gewechselt“ zu „Eingeladen“ wechseln.',
    });
  });

  it('refuses a target that does not exist also when no contact is asked about', async () => {
    const file = tempDatabasePath();
    testSession(file).close();
    expect(await cli('invitations', '--all', '--target', 'telegram', '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^Ungültige Eingabe bei „invitations\.forContact“: Feld „target“/),
    });
    expect(await cli('invitations', '--all', '--target', 'telegram', '--db', file, '--lang', 'en')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^Invalid input for “invitations\.forContact”: Field “target”/),
    });
  });

  it('refuses in English with LANG=en and with --lang en, in German without either', async () => {
    const { file } = databaseWithAnna();
    // A refusal of the request (contacts.setStage: no such contact), exit code 2.
    expect(await cli('set-stage', '999', 'invited', '--db', file)).toEqual({
      code: 2,
      out: '',
      err: 'Diesen Kontakt gibt es nicht (mehr).',
    });
    expect(await cliWith({ LANG: 'en_GB.UTF-8' }, 'set-stage', '999', 'invited', '--db', file)).toEqual({
      code: 2,
      out: '',
      err: 'This contact does not exist (any more).',
    });
    expect(await cli('set-stage', '999', 'invited', '--db', file, '--lang', 'en')).toEqual({
      code: 2,
      out: '',
      err: 'This contact does not exist (any more).',
    });
    expect(await cli('--lang=en', 'delete', '999', '--db', file)).toEqual({
      code: 2,
      out: '',
      err: 'This contact does not exist (any more).',
    });
    // The services' refusal of a command without a request, and the database's.
    expect(await cliWith({ LANG: 'en' }, 'history', '999', '--db', file)).toMatchObject({
      code: 2,
      err: 'This contact does not exist (any more).',
    });
    expect(await cliWith({ LANG: 'en_US.UTF-8' }, 'contacts', '--db', '')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^--db is empty\. Please name the database file/),
    });
  });

  it('says a usage error in English with LANG=en and --lang en, with the usage in English', async () => {
    const { file } = databaseWithAnna();
    expect(await cli('erase', 'Anna', '--db', file)).toEqual({
      code: 2,
      out: '',
      err: '„Anna“ ist keine Kontakt-ID (eine positive Zahl, siehe „contacts --json“).\nAufruf: npm run --silent cli -- erase <ID> [--keep-evidence] [--json]',
    });
    const english = {
      code: 2,
      out: '',
      err: '“Anna” is not a contact ID (a positive number, see “contacts --json”).\nUsage: npm run --silent cli -- erase <ID> [--keep-evidence] [--json]',
    };
    expect(await cliWith({ LANG: 'en_GB.UTF-8' }, 'erase', 'Anna', '--db', file)).toEqual(english);
    expect(await cli('erase', 'Anna', '--lang', 'en', '--db', file)).toEqual(english);
    expect(await cli('--lang', 'en', 'consent', '1', '--purposes', 'appointments', '--date', '2026-11-20', '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /^No consent without proof: either --evidence <scan of the signed form> or --evidence-note .*\nUsage: npm run --silent cli -- consent <ID> --purposes <p1,p2> --date YYYY-MM-DD/,
      ),
    });
    expect(await cliWith({ LC_ALL: 'en_GB.UTF-8' }, 'frobnicate')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^Unknown command “frobnicate”\.\n\nUsage: npm run --silent cli -- <command> \[options\]\n\nCommands:\n/),
    });
    const help = await cli('--help', '--lang', 'en');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run --silent cli -- <command> \[options\]\n\nCommands:\n {2}import <file>\.\.\./);
    expect(help.out).toMatch(/\n {2}delete <ID> \[--json\] +Moves a contact to the bin \(restorable for 30 days\)\.\n/);
    expect(help.out).toContain('\n  --lang de|en   ');
    expect((await cli('--help')).out).toContain('\n  --lang de|en   Sprache der Ausgabe');
  });

  it("refuses an invalid argument with the contract's message naming the field, and changes nothing", async () => {
    const { file, anna } = databaseWithAnna();
    const channels = '"whatsapp"|"sms"|"email"|"letter"|"phone"|"in_person"|"already_there"';
    expect(await cli('set-stage', String(anna), 'invited', '--channel', 'fax', '--db', file)).toEqual({
      code: 2,
      out: '',
      err: `Ungültige Eingabe bei „contacts.setStage“: Feld „change.channel“: Ungültige Option: erwartet eine von ${channels}`,
    });
    expect(await cli('set-stage', String(anna), 'invited', '--channel', 'fax', '--db', file, '--lang', 'en')).toMatchObject({
      code: 2,
      err: `Invalid input for “contacts.setStage”: Field “change.channel”: Invalid option: expected one of ${channels}`,
    });
    expect(await cli('set-stage', String(anna), 'invited', '--date', '20.11.2026', '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringContaining('Feld „change.date“'),
    });
    // Limits the services did not check before: the contract's (a letter's version of at most 100 characters, a reason of at least 3).
    expect(await cli('set-stage', String(anna), 'consent_requested', '--letter-version', 'x'.repeat(101), '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringContaining('Feld „change.letterVersion“: Zu groß'),
    });
    expect(
      await cli('consent', String(anna), '--purposes', 'appointments', '--date', '2026-11-20', '--evidence-note', 'ab', '--db', file),
    ).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^Ungültige Eingabe bei „consents\.record“: Feld „evidence\.note“: Zu klein/),
    });
    expect(await cli('invitations', '--all', '--target', 'telegram', '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringContaining('Feld „target“'),
    });
    expect(await stageOf(file, anna)).toBe('new');
  });

  it('takes --lang over the environment, LC_ALL over LANG; a locale neither German nor English leaves it to the settings', async () => {
    const { file } = databaseWithAnna();
    const notFound = { de: 'Diesen Kontakt gibt es nicht (mehr).', en: 'This contact does not exist (any more).' };
    expect((await cliWith({ LANG: 'en_GB.UTF-8' }, 'set-stage', '999', 'invited', '--lang', 'de', '--db', file)).err).toBe(notFound.de);
    expect((await cliWith({ LC_ALL: 'de_DE.UTF-8', LANG: 'en_GB.UTF-8' }, 'set-stage', '999', 'invited', '--db', file)).err).toBe(
      notFound.de,
    );
    expect((await cliWith({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'de_DE.UTF-8' }, 'set-stage', '999', 'invited', '--db', file)).err).toBe(
      notFound.en,
    );
    expect((await cliWith({ LANG: 'fr_FR.UTF-8' }, 'set-stage', '999', 'invited', '--db', file)).err).toBe(notFound.de);

    const session = testSession(file);
    updateSettings(session.ctx, { language: 'en' });
    session.close();
    expect((await cliWith({ LANG: 'C.UTF-8' }, 'set-stage', '999', 'invited', '--db', file)).err).toBe(notFound.en);
    expect((await cliWith({ LANG: 'de_DE.UTF-8' }, 'set-stage', '999', 'invited', '--db', file)).err).toBe(notFound.de);

    expect(environmentLanguage({ LC_ALL: '', LANG: 'en' })).toBe('en');
    expect(environmentLanguage({ LANG: 'POSIX' })).toBeNull();
    expect(takeLanguageOption(['contacts', '--lang', 'en', '--json', '--', '--lang', 'de'])).toEqual({
      argv: ['contacts', '--json', '--', '--lang', 'de'],
      value: 'en',
    });
  });

  it('refuses a language it does not have, exit code 2', async () => {
    expect(await cli('contacts', '--lang', 'fr')).toEqual({
      code: 2,
      out: '',
      err: '--lang: „fr“ gibt es nicht (de, en).\nAufruf: npm run --silent cli -- <Befehl> [Optionen]',
    });
    expect(await cliWith({ LANG: 'en_GB.UTF-8' }, 'contacts', '--lang')).toEqual({
      code: 2,
      out: '',
      err: '--lang: there is no “” (de, en).\nUsage: npm run --silent cli -- <command> [options]',
    });
  });

  it('every command has its usage and summary in both catalogues; the CLI keeps no German text of its own', () => {
    for (const command of commands) {
      for (const language of ['de', 'en'] as const) {
        for (const part of ['usage', 'summary']) {
          const text = translate(language, `cli.commands.${command.name}.${part}`, command.helpVars);
          expect(text, `${language} ${command.name} ${part}`).not.toMatch(/^cli\.|\{\{/);
        }
        expect(translate(language, `cli.commands.${command.name}.usage`).startsWith(`${command.name} `)).toBe(true);
      }
    }
    const sources = (dir: string): string[] =>
      readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
      );
    const german = sources('electron/cli').filter((file) => /[„“äöüÄÖÜß]/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(german).toEqual([]);
  });
});
