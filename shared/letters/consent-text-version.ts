// A version of the consent text as it was sent: what its id is computed from, kept so that the
// accountability report can show the full wording of every version in use, also after the texts or
// the business's details changed.
import type { Profile } from '../model/profile';
import type { Language } from '../model/settings';
import { type Authority, authorities } from './authorities';
import { consentTextDe, type ConsentText } from './consent-text-de';
import { consentTextEn } from './consent-text-en';
import { channelList, controllerLine, dpoLine, fill, sentence } from './consent-form-text';
import { controllerName } from './din-letter';
import { textId } from './qr';

/** Everything the consent form's words depend on: the business's details, both languages' texts, the authority named. */
export interface ConsentTextSnapshot extends Profile {
  text: ConsentText;
  textEn: ConsentText;
  authority: Authority | null;
}

export function consentTextSnapshot(profile: Profile): ConsentTextSnapshot {
  // The authority printed on the form counts too: its name changes with the office holder.
  return { ...profile, text: consentTextDe, textEn: consentTextEn, authority: profile.state ? authorities[profile.state] : null };
}

/**
 * The version id of the consent text for this profile: the same texts (German and English) and
 * controller give the same id; any change to either gives a new one.
 */
export const consentTextVersion = (profile: Profile): string => `EW-${textId(JSON.stringify(consentTextSnapshot(profile)))}`;

/** One part of the form's wording: a heading, a paragraph, or a box to tick. */
export interface FormPart {
  kind: 'heading' | 'paragraph' | 'box';
  text: string;
}

/**
 * The consent form's full wording of a stored version (the copy to keep: the information and every
 * box), filled from the version's own texts and details, never from today's. For a customer; the
 * wording for employees differs in the legal basis only, which follows as its own paragraph.
 */
export function consentFormWording(snapshot: ConsentTextSnapshot, language: Language): FormPart[] {
  const t = language === 'en' ? snapshot.textEn : snapshot.text;
  const business = controllerName(snapshot);
  const channels = channelList(snapshot, t);
  const dpo = dpoLine(snapshot, t);
  const advertising = snapshot.purposes.includes('advertising');
  const authority = snapshot.authority ? `${snapshot.authority.name}, ${snapshot.authority.street}, ${snapshot.authority.town}` : '';
  const paragraph = (text: string): FormPart => ({ kind: 'paragraph', text });
  const box = (text: string): FormPart => ({ kind: 'box', text });
  return [
    { kind: 'heading', text: t.formTitle },
    paragraph(fill(t.act, { business, number: snapshot.whatsappNumber })),
    paragraph(fill(t.controller, { controller: controllerLine(snapshot, t) })),
    ...(dpo ? [paragraph(dpo)] : []),
    paragraph(t.data),
    paragraph(t.transfer),
    paragraph(fill(t.legalBasis, { business, channels })),
    paragraph(fill(t.legalBasisEmployee, { business, channels })),
    paragraph(fill(t.withdrawal, { email: snapshot.email, business })),
    paragraph(fill(t.retention, { retention: sentence(language === 'en' ? snapshot.retentionEn : snapshot.retention) })),
    paragraph(
      [
        t.rights,
        ...(advertising ? [t.objection] : []),
        fill(t.complaint, { authority }),
        ...(snapshot.privacyUrl ? [fill(t.privacyPolicy, { url: snapshot.privacyUrl })] : []),
      ].join(' '),
    ),
    { kind: 'heading', text: t.decisionHeading },
    paragraph(fill(t.consentFor, { business })),
    ...snapshot.purposes.filter((purpose) => purpose !== 'advertising').map((purpose) => box(t.purposes[purpose])),
    ...(advertising ? [box(fill(t.advertising, { business }))] : []),
    box(t.transferConsent),
    box(t.refusal),
  ];
}
