import type { ValidInput } from '../../shared/contract';
import { invitationParts } from '../../shared/invitations/invitation';
import {
  defaultTemplates,
  fillTemplate,
  invitationKinds,
  mentionsQrCode,
  templateChannels,
  unknownPlaceholders,
  type Template,
  type TemplateCatalogue,
  type TemplateChannel,
} from '../../shared/invitations/templates';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { getProfile } from './profile';
import { requireContact } from './tracking';

const TEMPLATES_KEY = 'templates';

/** Which text: language, Du or Sie, kind of invitation, channel. */
export type TemplateKey = ValidInput<'templates.reset'>;

type Overrides = Partial<Record<string, Template>>;
const keyOf = ({ language, formal, kind, channel }: TemplateKey) => `${language}.${formal ? 'formal' : 'informal'}.${kind}.${channel}`;
/** Texts saved before there was one per channel served WhatsApp, SMS and e-mail alike; they still do until replaced (letters came later). */
const channelsOfOldTexts: readonly TemplateChannel[] = ['whatsapp', 'sms', 'email'];
const keyWithoutChannel = ({ language, formal, kind }: TemplateKey) => `${language}.${formal ? 'formal' : 'informal'}.${kind}`;
/** A message that speaks of a QR code: only a printed letter has one (see saveTemplate). */
const qrCodeInMessage = (channel: TemplateChannel, template: Template) =>
  channel !== 'letter' && mentionsQrCode(template.subject + template.body);
/** A stored text that could not be saved today (an unknown placeholder, a QR code in a message) gives way to the default. */
const usable = (template: Template | undefined, channel: TemplateChannel) =>
  template && unknownPlaceholders(template.subject + template.body).length === 0 && !qrCodeInMessage(channel, template)
    ? template
    : undefined;

function overrides(ctx: ServiceContext): Overrides {
  const stored = ctx.repos.settings.readAll()[TEMPLATES_KEY];
  return stored && typeof stored === 'object' ? (stored as Overrides) : {};
}

/** The invitation texts as the office uses them: its own where it changed one, the defaults elsewhere. */
export function getTemplates(ctx: ServiceContext): TemplateCatalogue {
  const own = overrides(ctx);
  const catalogue = structuredClone(defaultTemplates);
  for (const language of ['de', 'en'] as const) {
    for (const tone of ['formal', 'informal'] as const) {
      for (const kind of invitationKinds) {
        for (const channel of templateChannels) {
          const key = { language, formal: tone === 'formal', kind, channel };
          const template =
            usable(own[keyOf(key)], channel) ??
            (channelsOfOldTexts.includes(channel) ? usable(own[keyWithoutChannel(key)], channel) : undefined);
          if (template) catalogue[language][tone][kind][channel] = template;
        }
      }
    }
  }
  return catalogue;
}

/**
 * Stores one text; refused, naming them, while it has placeholders that do not exist, and refused
 * when a WhatsApp, SMS or e-mail text speaks of a QR code: the reader would look for one that is not
 * there (the letter carries it). Refused rather than flagged, so that such a text never goes out.
 */
export function saveTemplate(ctx: ServiceContext, key: TemplateKey, template: Template): TemplateCatalogue {
  const unknown = unknownPlaceholders(template.subject + template.body);
  if (unknown.length)
    throw new AppError('invalid_input', 'invite.errors.unknownPlaceholders', { names: unknown.map((name) => `{{${name}}}`).join(', ') });
  if (qrCodeInMessage(key.channel, template)) throw new AppError('invalid_input', 'invite.errors.qrCodeInMessage');
  ctx.repos.settings.writeMany({ [TEMPLATES_KEY]: { ...overrides(ctx), [keyOf(key)]: template } });
  return getTemplates(ctx);
}

/** Back to the default text. */
export function resetTemplate(ctx: ServiceContext, key: TemplateKey): TemplateCatalogue {
  const own = overrides(ctx);
  delete own[keyOf(key)];
  // An old text for all channels is kept for the others, but this channel goes back to its default.
  const legacy = own[keyWithoutChannel(key)];
  if (legacy) {
    delete own[keyWithoutChannel(key)];
    for (const channel of channelsOfOldTexts) if (channel !== key.channel) own[keyOf({ ...key, channel })] ??= legacy;
  }
  ctx.repos.settings.writeMany({ [TEMPLATES_KEY]: own });
  return getTemplates(ctx);
}

/** A draft text filled in for a real contact (the live preview); unknown placeholders are named, not printed. */
export function previewTemplate(
  ctx: ServiceContext,
  contactId: number,
  key: Pick<TemplateKey, 'language' | 'formal'>,
  template: Template,
): { subject: string; text: string; unknown: string[] } {
  const unknown = unknownPlaceholders(template.subject + template.body);
  if (unknown.length) return { subject: '', text: '', unknown };
  const { values } = invitationParts(requireContact(ctx, contactId), getProfile(ctx), { language: key.language, formal: key.formal });
  return { subject: fillTemplate(template.subject, values), text: fillTemplate(template.body, values), unknown: [] };
}
