import type { ContactLanguage } from '../model/contact';
import { legalFormKind, type Profile } from '../model/profile';

const labels = {
  de: {
    seat: 'Sitz',
    court: 'Registergericht',
    directors: 'Geschäftsführung',
    board: 'Vorstand',
    partner: 'Persönlich haftende Gesellschafterin',
  },
  en: {
    seat: 'Registered office',
    court: 'Register court',
    directors: 'Managing directors',
    board: 'Executive Board',
    partner: 'General partner',
  },
} as const;

type Details = Pick<Profile, 'seat' | 'registerCourt' | 'registerNumber' | 'managingDirectors'>;

function parts(details: Details, directorsLabel: string, l: (typeof labels)[ContactLanguage]): string[] {
  return [
    details.seat ? `${l.seat}: ${details.seat}` : '',
    details.registerCourt || details.registerNumber
      ? `${l.court}: ${[details.registerCourt, details.registerNumber].filter(Boolean).join(' ')}`
      : '',
    details.managingDirectors.some((name) => name.trim())
      ? `${directorsLabel}: ${details.managingDirectors
          .map((name) => name.trim())
          .filter(Boolean)
          .join(', ')}`
      : '',
  ].filter(Boolean);
}

/**
 * The line of company details a business letter must carry (§ 35a GmbHG, § 80 AktG, § 125a and
 * § 37a HGB): the full name with the legal form, the seat, the register court and number, the managing
 * directors (an AG's Vorstand), and for a GmbH & Co. KG the same of its general partner. Printed in
 * the letters' footer and under e-mail invitations; empty when the profile gives none of it (a
 * business whose legal form needs none, such as a GbR).
 */
export function businessDetails(profile: Profile, language: ContactLanguage): string {
  const l = labels[language];
  const kind = legalFormKind(profile.legalForm);
  const own = parts(profile, kind === 'stock' ? l.board : l.directors, l);
  const partner = profile.generalPartner?.name
    ? [`${l.partner}: ${[profile.generalPartner.name, ...parts(profile.generalPartner, l.directors, l)].join(', ')}`]
    : [];
  if (own.length === 0 && partner.length === 0) return '';
  return [[profile.name, profile.legalForm].filter(Boolean).join(' '), ...own, ...partner].join(' · ');
}
