import { z } from 'zod';
import type { ContactLanguage } from './contact';
import { messengers, purposes, purposeSchema, type Messenger } from './tracking';

/** The German federal states: the state of the business selects its data protection authority. */
export const germanStates = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;
export type GermanState = (typeof germanStates)[number];

const text = (max = 300) => z.string().trim().max(max);

/**
 * One text per messenger. A messenger left out counts as not used (null), so a profile file may
 * name only the messengers the business is on: `"messengers": {"signal": "+49 171 …"}`.
 */
const perMessenger = (max: number) =>
  z.object(Object.fromEntries(messengers.map((m) => [m, text(max).nullable().default(null)])) as Record<Messenger, z.ZodDefault<z.ZodNullable<z.ZodString>>>).strict();

export const postalContactSchema = z.object({ name: text(), email: text(), address: text(500) }).strict();

/**
 * The business as the controller (DOMAIN.md §2): everything a consent letter says about it. Also the
 * format of `cli profile --set <file.json>` (see README); keys left out keep their defaults.
 */
export const profileSchema = z
  .object({
    /** Legal name without the form ("Dachdeckerei Schulze"). */
    name: text(),
    /** "GmbH", "e. K.", "GbR" … */
    legalForm: text(100),
    /** Owner or managing director. */
    representative: text(),
    street: text(),
    postalCode: text(20),
    city: text(),
    phone: text(50),
    email: text(),
    website: text(),
    privacyUrl: text(),
    /** The data protection officer, where one is appointed. */
    dpo: postalContactSchema.nullable(),
    state: z.enum(germanStates).nullable(),
    /** The number the business uses WhatsApp (Business) with. */
    whatsappNumber: text(50),
    /** The business's own ids on the alternative messengers: Signal number, Threema id, Wire @name, Matrix id, ginlo id. */
    messengers: perMessenger(200),
    /** The business's own description of each messenger (else the default facts, shared/messengers/catalogue.ts). */
    messengerTexts: perMessenger(500),
    /** The messenger the business recommends to those who would rather switch than consent. */
    recommendedMessenger: z.enum(messengers).nullable(),
    /** The purposes the business asks consent for (each gets its own tick box). */
    purposes: z.array(purposeSchema).min(1),
    /** How long chats are kept and when they are deleted. */
    retention: text(1000),
    /** The same in English, for the consent form of contacts who read English. */
    retentionEn: text(1000),
    /** The letterhead's logo as a data URL (PNG, JPEG or SVG, at most about 500 KB). */
    logo: z
      .string()
      .max(700_000)
      .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/)
      .nullable(),
  })
  .strict();
export type Profile = z.infer<typeof profileSchema>;

export const emptyProfile: Profile = {
  name: '',
  legalForm: '',
  representative: '',
  street: '',
  postalCode: '',
  city: '',
  phone: '',
  email: '',
  website: '',
  privacyUrl: '',
  dpo: null,
  state: null,
  whatsappNumber: '',
  messengers: { signal: null, threema: null, wire: null, element: null, ginlo: null },
  messengerTexts: { signal: null, threema: null, wire: null, element: null, ginlo: null },
  recommendedMessenger: null,
  purposes: purposes.filter((p) => p !== 'advertising'),
  logo: null,
  retention: 'Chatverläufe löschen wir spätestens zwei Jahre nach dem letzten Auftrag, sofern keine gesetzliche Aufbewahrungspflicht entgegensteht.',
  retentionEn: 'We delete chat histories no later than two years after the last order, unless a statutory retention obligation applies.',
};

/** What a consent letter cannot do without (DOMAIN.md §2, items 2 and 12). */
export const mandatoryProfileFields = ['name', 'representative', 'street', 'postalCode', 'city', 'phone', 'email', 'state', 'whatsappNumber', 'retention'] as const;
/** What letters in English need beyond that. */
export const mandatoryForEnglish = ['retentionEn'] as const;
export type MandatoryProfileField = (typeof mandatoryProfileFields)[number] | (typeof mandatoryForEnglish)[number];

/** The mandatory fields still empty, for letters in these languages (German only by default). */
export function missingProfileFields(profile: Profile, languages: readonly ContactLanguage[] = ['de']): MandatoryProfileField[] {
  const fields: MandatoryProfileField[] = [...mandatoryProfileFields, ...(languages.includes('en') ? mandatoryForEnglish : [])];
  return fields.filter((field) => {
    const value = profile[field];
    return value === null || (typeof value === 'string' && value.trim() === '');
  });
}
