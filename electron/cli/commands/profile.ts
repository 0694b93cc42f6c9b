import { readFileSync } from 'node:fs';
import { translate } from '../../../shared/i18n';
import { missingProfileFields, profileSchema } from '../../../shared/model/profile';
import { AppError } from '../../db/errors';
import { getProfile, updateProfile } from '../../services/profile';
import { getSettings } from '../../services/settings';
import type { CliCommand } from '../command';

/** The fields of the profile still empty, as the settings page names them. */
export const describeMissing = (language: 'de' | 'en', missing: readonly string[]) => missing.map((field) => translate(language, `profile.fields.${field}`)).join(', ');

export const profileCommand: CliCommand = {
  name: 'profile',
  usage: 'profile [--set <datei.json>] [--json]',
  summary: 'Zeigt das Betriebsprofil (Angaben für Einwilligungsbriefe) oder übernimmt es aus einer JSON-Datei (Format: README).',
  options: { json: { type: 'boolean' }, set: { type: 'string' } },
  readOnly: (values) => values.set === undefined,
  run(session, { values }, io) {
    const language = getSettings(session.ctx).language;
    const file = values.set as string | undefined;
    if (file) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        io.err(translate(language, 'profile.errors.unreadable', { file, reason: (error as Error).message }));
        return 2;
      }
      const checked = profileSchema.partial().strict().safeParse(parsed);
      if (!checked.success) {
        const problems = checked.error.issues.map((issue) => `${issue.path.join('.') || '–'}: ${issue.message}`).join('; ');
        io.err(translate(language, 'profile.errors.invalid', { file, problems }));
        return 2;
      }
      try {
        updateProfile(session.ctx, checked.data);
      } catch (error) {
        // A field in the wrong form (a postal code of four digits, a landline for WhatsApp …).
        if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
        io.err(translate(language, error.messageKey, error.vars));
        return 2;
      }
    }
    const profile = getProfile(session.ctx);
    const missing = missingProfileFields(profile);
    if (values.json) io.out(JSON.stringify({ ...profile, missing }, null, 2));
    else io.out(missing.length ? translate(language, 'profile.incomplete', { fields: describeMissing(language, missing) }) : translate(language, 'profile.complete', { name: `${profile.name} ${profile.legalForm}`.trim() }));
    return 0;
  },
};

