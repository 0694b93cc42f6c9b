import { messengerNames } from '../messengers/catalogue';
import type { Messenger } from '../model/tracking-terms';

// Apart from invitation.ts, which needs the business profile's schema (zod): the renderer names missing
// fields from its first download (issue 20).

/** A profile field an invitation text can need: the business's name, its sender, its id on a messenger. */
export type InvitationProfileField = 'name' | 'representative' | `messengers.${Messenger}`;

/** How the UI and the CLI name a missing field: a catalogue key and its values ("Name des Betriebs", "Ihre Kennung bei Signal"). */
export function profileFieldLabel(field: InvitationProfileField): { key: string; vars: Record<string, string> } {
  const messenger = field.startsWith('messengers.') ? (field.slice('messengers.'.length) as Messenger) : null;
  return messenger
    ? { key: 'invite.missingMessenger', vars: { messenger: messengerNames[messenger] } }
    : { key: `profile.fields.${field}`, vars: {} };
}
