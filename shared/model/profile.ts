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
  z
    .object(
      Object.fromEntries(messengers.map((m) => [m, text(max).nullable().default(null)])) as Record<
        Messenger,
        z.ZodDefault<z.ZodNullable<z.ZodString>>
      >,
    )
    .strict();

export const postalContactSchema = z.object({ name: text(), email: text(), address: text(500) }).strict();

/**
 * The business as the controller (docs/consent-letter.md): everything a consent letter says about it. Also the
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
    /** Their function under the letter's signature ("Geschäftsführer", "Inhaberin"); empty: from the legal form. */
    representativeRole: text(100),
    /**
     * What business letters must state (§ 35a GmbHG, § 80 AktG, § 125a and § 37a HGB), depending on
     * the legal form (see requiredBusinessDetails): the seat, the register court and number, and the
     * managing directors (the Vorstand of an AG).
     */
    seat: text(100),
    registerCourt: text(100),
    registerNumber: text(50),
    managingDirectors: z.array(text(100)).max(20),
    /** A GmbH & Co. KG's general partner (the GmbH), with the same details. */
    generalPartner: z
      .object({
        name: text(),
        seat: text(100),
        registerCourt: text(100),
        registerNumber: text(50),
        managingDirectors: z.array(text(100)).max(20),
      })
      .strict()
      .nullable(),
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
  representativeRole: '',
  seat: '',
  registerCourt: '',
  registerNumber: '',
  managingDirectors: [],
  generalPartner: null,
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
  retention:
    'Chatverläufe und die Nummer im Firmenhandy werden spätestens zwei Jahre nach dem letzten Auftrag gelöscht, sofern keine gesetzliche Aufbewahrungspflicht entgegensteht.',
  retentionEn:
    'Chat histories and the number on the business phone are deleted no later than two years after the last order, unless a statutory retention obligation applies.',
};

/** What a consent letter cannot do without (docs/consent-letter.md, items 2 and 12). */
export const mandatoryProfileFields = [
  'name',
  'representative',
  'street',
  'postalCode',
  'city',
  'phone',
  'email',
  'state',
  'whatsappNumber',
  'retention',
] as const;
/** What letters in English need beyond that. */
export const mandatoryForEnglish = ['retentionEn'] as const;
export type MandatoryProfileField = (typeof mandatoryProfileFields)[number] | (typeof mandatoryForEnglish)[number];

/**
 * What the law requires a business letter to state depends on the legal form (docs/consent-letter.md): a
 * GmbH, UG or AG its seat, register and managing directors (§ 35a GmbHG, § 80 AktG), a GmbH & Co. KG
 * (or & Co. OHG) also those of its general partner, an OHG, KG, eG, PartG or registered merchant its
 * seat and register (§ 125a, § 37a HGB, § 25a GenG, § 7 PartGG). A GbR or a sole trader not in the register: nothing beyond name and address.
 */
export type LegalFormKind = 'capital' | 'stock' | 'limitedPartnershipWithGmbh' | 'partnership' | 'merchant' | 'unregistered';

export function legalFormKind(legalForm: string): LegalFormKind {
  const form = legalForm.toLowerCase().replace(/[\s.-]/g, '');
  if (/&co(kg|kgaa|ohg)$/.test(form)) return 'limitedPartnershipWithGmbh';
  if (form === 'ag' || form === 'se' || form === 'kgaa') return 'stock';
  if (/^(g?gmbh|ug(\(haftungsbeschränkt\))?)$/.test(form)) return 'capital';
  // OHG and KG (§ 125a HGB), a cooperative (§ 25a GenG) and a partnership of the liberal professions (§ 7 PartGG).
  if (['ohg', 'kg', 'eg', 'partg', 'partgmbb'].includes(form)) return 'partnership';
  if (/^(ek|ekfm|ekfr|eingetragenerkaufmann|eingetragenekauffrau)$/.test(form)) return 'merchant';
  return 'unregistered';
}

export const businessDetailFields = [
  'seat',
  'registerCourt',
  'registerNumber',
  'managingDirectors',
  'generalPartnerName',
  'generalPartnerSeat',
  'generalPartnerRegisterCourt',
  'generalPartnerRegisterNumber',
  'generalPartnerManagingDirectors',
] as const;
export type BusinessDetailField = (typeof businessDetailFields)[number];

/** The company details this profile's legal form requires on letters that are still empty. */
export function missingBusinessDetails(profile: Profile): BusinessDetailField[] {
  const kind = legalFormKind(profile.legalForm);
  if (kind === 'unregistered') return [];
  const partner = profile.generalPartner;
  const present: Record<BusinessDetailField, boolean> = {
    seat: !!profile.seat.trim(),
    registerCourt: !!profile.registerCourt.trim(),
    registerNumber: !!profile.registerNumber.trim(),
    managingDirectors: profile.managingDirectors.some((name) => name.trim()),
    generalPartnerName: !!partner?.name.trim(),
    generalPartnerSeat: !!partner?.seat.trim(),
    generalPartnerRegisterCourt: !!partner?.registerCourt.trim(),
    generalPartnerRegisterNumber: !!partner?.registerNumber.trim(),
    generalPartnerManagingDirectors: !!partner?.managingDirectors.some((name) => name.trim()),
  };
  const required: BusinessDetailField[] =
    kind === 'capital' || kind === 'stock'
      ? ['seat', 'registerCourt', 'registerNumber', 'managingDirectors']
      : kind === 'limitedPartnershipWithGmbh'
        ? [
            'seat',
            'registerCourt',
            'registerNumber',
            'generalPartnerName',
            'generalPartnerSeat',
            'generalPartnerRegisterCourt',
            'generalPartnerRegisterNumber',
            'generalPartnerManagingDirectors',
          ]
        : ['seat', 'registerCourt', 'registerNumber'];
  return required.filter((field) => !present[field]);
}

/** The mandatory fields still empty, for letters in these languages (German only by default). */
export function missingProfileFields(
  profile: Profile,
  languages: readonly ContactLanguage[] = ['de'],
): (MandatoryProfileField | BusinessDetailField)[] {
  const fields: MandatoryProfileField[] = [...mandatoryProfileFields, ...(languages.includes('en') ? mandatoryForEnglish : [])];
  const empty = fields.filter((field) => {
    const value = profile[field];
    return value === null || (typeof value === 'string' && value.trim() === '');
  });
  return [...empty, ...missingBusinessDetails(profile)];
}
