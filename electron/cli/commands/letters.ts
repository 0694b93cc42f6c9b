import path from 'node:path';
import { translate } from '../../../shared/i18n';
import { letterKinds, type LetterKind } from '../../../shared/letters/din-letter';
import { toVcard } from '../../exporters/vcard';
import { BrowserNotFoundError, findBrowser } from '../../printing/chromium';
import { AppError } from '../../db/errors';
import { consentedContacts } from '../../services/export';
import { printLetters } from '../../services/letters';
import { writeFileAtomically } from '../../db/temp-files';
import type { Language } from '../../../shared/model/settings';
import { UsageError, type CliCommand } from '../command';

export function idList(text: unknown): number[] {
  const ids = String(text)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)) throw new UsageError('cli.notIdList', { text: String(text) });
  return ids;
}

/** The output file could not be written (nothing was marked). */
class OutputNotWritten extends Error {
  constructor(
    readonly file: string,
    reason: unknown,
  ) {
    super(`could not write ${file}`, { cause: reason });
  }
}

/**
 * Why a file could not be written, in words (a full disk, no permission …) instead of the system's code.
 * A system code without words of its own is named (EIO); an error without one gets a fixed sentence,
 * never its raw message (which may be English, or a stack).
 */
export function writeFailureReason(language: Language, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOSPC: 'diskFull',
    EDQUOT: 'diskFull',
    EFBIG: 'tooLarge',
    EACCES: 'noPermission',
    EPERM: 'noPermission',
    ENOENT: 'noFolder',
    ENOTDIR: 'noFolder',
    EROFS: 'readOnly',
    EBUSY: 'inUse',
  };
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return translate(language, 'files.writeReasons.unknown');
  return translate(language, `files.writeReasons.${reasons[code] ?? 'other'}`, { code });
}

/**
 * Letters into a PDF file named on the command line, by the services: the contract's letters.start,
 * .status and .delivered hand a PDF to a page (and take no letter date), so they have no use here;
 * the options are checked here, in the catalogue's words.
 */
export const lettersCommand: CliCommand = {
  name: 'letters',
  options: {
    out: { type: 'string' },
    ids: { type: 'string' },
    all: { type: 'boolean' },
    form: { type: 'string' },
    kind: { type: 'string' },
    date: { type: 'string' },
    'include-settled': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(session, { values, language }, io) {
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('cli.letters.noOut');
    if (!values.ids && !values.all) throw new UsageError('cli.forWhom');
    const form = ((values.form as string | undefined) ?? 'B').toUpperCase();
    if (form !== 'A' && form !== 'B') throw new UsageError('cli.letters.unknownForm', { form });
    const kind = (values.kind as string | undefined) ?? 'consent';
    if (!(letterKinds as readonly string[]).includes(kind)) throw new UsageError('cli.letters.unknownKind', { kind });
    const date = values.date as string | undefined;
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError('cli.letters.notDate', { date });
    const browser = findBrowser();
    if (!browser) {
      io.err(translate(language, 'letters.errors.noBrowser'));
      return 2;
    }
    try {
      const file = path.resolve(out);
      const includeSettled = values['include-settled'] === true;
      // The contacts are marked once the whole file is in place (a full disk leaves an earlier file as it was).
      const deliver = (pdf: Uint8Array) => {
        try {
          writeFileAtomically(file, pdf);
        } catch (error) {
          throw new OutputNotWritten(file, error);
        }
      };
      const result = await printLetters(
        session.ctx,
        { ids: values.ids ? idList(values.ids) : undefined, form, date, kind: kind as LetterKind, includeSettled },
        deliver,
      );
      if (values.json) io.out(JSON.stringify({ file: result.printed ? file : null, ...result }));
      else {
        io.out(
          kind === 'invitation'
            ? translate(language, 'letters.doneInvitations', { count: result.printed, file })
            : translate(language, 'letters.done', { count: result.printed, file, version: result.version }),
        );
        if (result.withoutAddress.length)
          io.out(
            translate(language, 'letters.withoutAddress', {
              names: result.withoutAddress.map((c) => `${c.displayName} (${c.id})`).join(', '),
            }),
          );
        if (result.landlineOnly.length)
          io.out(
            translate(language, 'letters.landlineOnly', { names: result.landlineOnly.map((c) => `${c.displayName} (${c.id})`).join(', ') }),
          );
        if (result.settled.length) {
          const names = result.settled
            .map((c) => `${c.displayName} (${c.id}, ${translate(language, `letters.settledReasons.${c.reason}`)})`)
            .join(', ');
          io.out(translate(language, 'letters.settledLeftOut', { names }));
        }
      }
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        io.err(translate(language, error.messageKey, error.vars));
        return 2;
      }
      if (error instanceof BrowserNotFoundError) {
        io.err(translate(language, 'letters.errors.noBrowser'));
        return 2;
      }
      if (error instanceof OutputNotWritten) {
        io.err(translate(language, 'letters.errors.writeFailed', { file: error.file, reason: writeFailureReason(language, error.cause) }));
        return 1;
      }
      throw error;
    }
  },
};

/**
 * The vCard file of the contacts with a valid consent, by the services: export.consented answers
 * with the file's content but not with the ids that --json lists.
 */
export const exportConsentedCommand: CliCommand = {
  name: 'export-consented',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  readOnly: true,
  run(session, { values, language }, io) {
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('cli.exportConsented.noOut');
    const contacts = consentedContacts(session.ctx);
    const file = path.resolve(out);
    writeFileAtomically(file, toVcard(contacts));
    io.out(
      values.json
        ? JSON.stringify({ file, count: contacts.length, ids: contacts.map((c) => c.id) })
        : translate(language, 'export.done', { count: contacts.length, file }),
    );
    return 0;
  },
};
