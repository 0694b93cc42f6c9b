import path from 'node:path';
import { translate } from '../../../shared/i18n';
import { letterKinds, type LetterKind } from '../../../shared/letters/din-letter';
import { toVcard } from '../../exporters/vcard';
import { BrowserNotFoundError, findBrowser } from '../../printing/chromium';
import { AppError } from '../../db/errors';
import { consentedContacts } from '../../services/export';
import { printLetters } from '../../services/letters';
import { getSettings } from '../../services/settings';
import { writeFileAtomically } from '../../db/temp-files';
import type { Language } from '../../../shared/model/settings';
import { UsageError, type CliCommand } from '../command';

export function idList(text: unknown): number[] {
  const ids = String(text)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)) throw new UsageError(`--ids: „${String(text)}“ ist keine Liste von Kontakt-IDs (z. B. 3,7,12).`);
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
  const reasons: Record<string, string> = { ENOSPC: 'diskFull', EDQUOT: 'diskFull', EFBIG: 'tooLarge', EACCES: 'noPermission', EPERM: 'noPermission', ENOENT: 'noFolder', ENOTDIR: 'noFolder', EROFS: 'readOnly', EBUSY: 'inUse' };
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return translate(language, 'files.writeReasons.unknown');
  return translate(language, `files.writeReasons.${reasons[code] ?? 'other'}`, { code });
}

export const lettersCommand: CliCommand = {
  name: 'letters',
  usage: 'letters --out <datei.pdf> (--ids <id,...> | --all) [--form A|B] [--kind consent|invitation] [--date JJJJ-MM-TT] [--include-settled] [--json]',
  summary:
    'Schreibt Einwilligungsbriefe (DIN 5008) als ein PDF und setzt die Kontakte auf „Einwilligung angefragt“; wer schon eingewilligt, abgelehnt oder gewechselt hat, bekommt keinen (nur mit --include-settled) und wird genannt. Mit --kind invitation Einladungen per Brief (Kontakte dann „eingeladen“ per Brief). Braucht Chrome, Edge oder Chromium (oder CHROMIUM_PATH).',
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
  async run(session, { values }, io) {
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('Wohin? --out <datei.pdf> fehlt.');
    if (!values.ids && !values.all) throw new UsageError('Für wen? --ids <id,...> oder --all angeben.');
    const form = ((values.form as string | undefined) ?? 'B').toUpperCase();
    if (form !== 'A' && form !== 'B') throw new UsageError(`--form: „${form}“ gibt es nicht (A oder B).`);
    const kind = (values.kind as string | undefined) ?? 'consent';
    if (!(letterKinds as readonly string[]).includes(kind)) throw new UsageError(`--kind: „${kind}“ gibt es nicht (consent oder invitation).`);
    const date = values.date as string | undefined;
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date: „${date}“ ist kein Datum (JJJJ-MM-TT).`);
    const language = getSettings(session.ctx).language;
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
      const result = await printLetters(session.ctx, { ids: values.ids ? idList(values.ids) : undefined, form, date, kind: kind as LetterKind, includeSettled }, deliver);
      if (values.json) io.out(JSON.stringify({ file: result.printed ? file : null, ...result }));
      else {
        io.out(kind === 'invitation' ? translate(language, 'letters.doneInvitations', { count: result.printed, file }) : translate(language, 'letters.done', { count: result.printed, file, version: result.version }));
        if (result.withoutAddress.length) io.out(translate(language, 'letters.withoutAddress', { names: result.withoutAddress.map((c) => `${c.displayName} (${c.id})`).join(', ') }));
        if (result.landlineOnly.length) io.out(translate(language, 'letters.landlineOnly', { names: result.landlineOnly.map((c) => `${c.displayName} (${c.id})`).join(', ') }));
        if (result.settled.length) {
          const names = result.settled.map((c) => `${c.displayName} (${c.id}, ${translate(language, `letters.settledReasons.${c.reason}`)})`).join(', ');
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

export const exportConsentedCommand: CliCommand = {
  name: 'export-consented',
  usage: 'export-consented --out <datei.vcf> [--json]',
  summary: 'Schreibt nur die Kontakte mit gültiger WhatsApp-Einwilligung als vCard – für das Adressbuch des Firmenhandys.',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  readOnly: true,
  run(session, { values }, io) {
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('Wohin? --out <datei.vcf> fehlt.');
    const contacts = consentedContacts(session.ctx);
    const file = path.resolve(out);
    writeFileAtomically(file, toVcard(contacts));
    const language = getSettings(session.ctx).language;
    io.out(values.json ? JSON.stringify({ file, count: contacts.length, ids: contacts.map((c) => c.id) }) : translate(language, 'export.done', { count: contacts.length, file }));
    return 0;
  },
};
