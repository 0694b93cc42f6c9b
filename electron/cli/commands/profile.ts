import { readFileSync } from 'node:fs';
import { contract, type RequestInput, type RequestOutput } from '../../../shared/contract';
import { translate } from '../../../shared/i18n';
import { Refusal, send, type CliCommand } from '../command';

/** The fields of the profile still empty, as the settings page names them. */
export const describeMissing = (language: 'de' | 'en', missing: readonly string[]) =>
  missing.map((field) => translate(language, `profile.fields.${field}`)).join(', ');

/** profile.get, or profile.update with the fields of a JSON file. */
export const profileCommand: CliCommand = {
  name: 'profile',
  options: { json: { type: 'boolean' }, set: { type: 'string' } },
  readOnly: (values) => values.set === undefined,
  async run(session, { values, language }, io) {
    const file = values.set as string | undefined;
    let view: RequestOutput<'profile.get'>;
    if (file) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        io.err(translate(language, 'profile.errors.unreadable', { file, reason: (error as Error).message }));
        return 2;
      }
      try {
        view = await send(session, 'profile.update', parsed as RequestInput<'profile.update'>);
      } catch (error) {
        // A file that is no profile (a field that does not exist, a state that does not) is named,
        // with the contract's words; a field in the wrong form (a postal code of four digits, a
        // landline for WhatsApp …) is said as the settings page says it.
        if (error instanceof Refusal && error.code === 'invalid_input' && !contract['profile.update'].input.safeParse(parsed).success) {
          io.err(translate(language, 'profile.errors.invalid', { file, problems: error.message }));
          return 2;
        }
        throw error;
      }
    } else view = await send(session, 'profile.get', {});
    const { profile, missing } = view;
    if (values.json) io.out(JSON.stringify({ ...profile, missing }, null, 2));
    else
      io.out(
        missing.length
          ? translate(language, 'profile.incomplete', { fields: describeMissing(language, missing) })
          : translate(language, 'profile.complete', { name: `${profile.name} ${profile.legalForm}`.trim() }),
      );
    return 0;
  },
};
