import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { translate } from '../../../shared/i18n';
import type { PhoneBookEntry } from '../../../shared/model/phones';
import { type CliCommand, send, UsageError } from '../command';

/** Most a phone's exported address book may be (the request's limit: 20 MB). */
const MAX_PHONE_BOOK_BYTES = 20 * 1024 * 1024;

/**
 * "Handy-Abgleich" for scripts: `phone-check <file.vcf> [--phone <name>]` compares a business phone's
 * exported address book with the consent record (phones.checkPhoneBook); nothing is imported.
 */
export const phoneCheckCommand: CliCommand = {
  name: 'phone-check',
  options: { phone: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run(session, { values, positionals, language }, io) {
    const [file] = positionals;
    if (!file) throw new UsageError('phones.cli.whichFile');
    let phoneId: number | null = null;
    if (values.phone !== undefined) {
      const name = String(values.phone);
      const phones = await send(session, 'phones.list', {});
      const phone = phones.find((entry) => entry.name.toLocaleLowerCase('de') === name.toLocaleLowerCase('de'));
      if (!phone) {
        io.err(translate(language, 'phones.cli.unknownPhone', { name, phones: phones.map((entry) => entry.name).join(', ') || '–' }));
        return 2;
      }
      phoneId = phone.id;
    }
    let data: Buffer;
    try {
      if (statSync(file).size > MAX_PHONE_BOOK_BYTES) {
        io.err(translate(language, 'phones.cli.tooLarge', { file: path.basename(file) }));
        return 2;
      }
      data = readFileSync(file);
    } catch {
      io.err(translate(language, 'import.issues.notFound', { file: path.basename(file) }));
      return 2;
    }
    const result = await send(session, 'phones.checkPhoneBook', { phoneId, fileName: path.basename(file), data: data.toString('base64') });
    if (values.json) {
      io.out(JSON.stringify(result));
      return 0;
    }
    const list = (title: string, entries: PhoneBookEntry[]) =>
      entries.length > 0 && io.out([title, ...entries.map((entry) => `  ${entry.name}  ${entry.e164 ?? '–'}`)].join('\n'));
    io.out(
      translate(language, 'phones.cli.summary', {
        numbers: result.numbers,
        ok: result.ok,
        withoutConsent: result.withoutConsent.length,
        consentedMissing: result.consentedMissing.length,
        unknown: result.unknown.length,
      }),
    );
    list(translate(language, 'phones.check.withoutConsent'), result.withoutConsent);
    list(translate(language, 'phones.check.unknown'), result.unknown);
    list(translate(language, 'phones.check.consentedMissing'), result.consentedMissing);
    return 0;
  },
};
