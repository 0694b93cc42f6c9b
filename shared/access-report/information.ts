import { translate } from '../i18n';
import { authorities } from '../letters/authorities';
import { controllerName } from '../letters/din-letter';
import { formatDate } from '../local-date';
import type { Contact } from '../model/contact';
import type { Profile } from '../model/profile';
import type { Language } from '../model/settings';
import type { Consent } from '../model/tracking';
import type { AccessReport } from './schema';

export interface InformationFacts {
  language: Language;
  profile: Profile;
  contact: Pick<Contact, 'kind' | 'target'>;
  consents: readonly Pick<Consent, 'purpose' | 'withdrawnAt'>[];
  imports: AccessReport['imports'];
  /** How long a deleted contact stays in the bin (services/erasure.ts). */
  binDays: number;
  /** How many years the proof of a withdrawn consent is kept after an erasure (services/erasure.ts). */
  proofYears: number;
}

/**
 * The information Art. 15(1)(a)–(h) and (2) GDPR require, for this contact: the purposes and legal
 * bases of what the app stores, the recipients (none, or WhatsApp's operator while the contact's
 * number is in the business phone by consent, docs/consent-letter.md items 7 and 8), how long it is
 * kept, the rights, where the data came from, and that nothing is decided automatically.
 */
export function accessInformation(facts: InformationFacts): AccessReport['information'] {
  const t = (key: string, vars?: Record<string, string | number>) => translate(facts.language, `accessReport.info.${key}`, vars);
  const employee = facts.contact.kind === 'employee';
  const consented = facts.consents.length > 0;
  const active = facts.consents.filter((consent) => !consent.withdrawnAt);
  const purposeNames = (list: readonly Pick<Consent, 'purpose'>[]) =>
    [...new Set(list.map((consent) => translate(facts.language, `tracking.purposes.${consent.purpose}`)))].join(', ');
  const authority = facts.profile.state ? authorities[facts.profile.state] : null;
  const business = controllerName(facts.profile) || t('theBusiness');

  const purposes = [t('purposeContact'), t('purposeChannel'), t('purposeProof')];
  if (active.length > 0) purposes.push(t('purposeWhatsapp', { purposes: purposeNames(active) }));

  const legalBases = [employee ? t('basisEmployee') : t('basisContract')];
  if (consented) legalBases.push(employee ? t('basisConsentEmployee') : t('basisConsent'));
  legalBases.push(t('basisProof'));

  const recipients: string[] = [];
  if (active.length > 0) recipients.push(t('recipientsWhatsapp'), t('thirdCountry'));
  else if (consented) recipients.push(t('recipientsWhatsappBefore'), t('thirdCountry'));
  else recipients.push(t('recipientsNone'));

  const storage = [t('storageContact', { days: facts.binDays }), t('storageProof', { years: facts.proofYears })];
  if (consented && facts.profile.retention.trim()) {
    const retention = facts.language === 'en' ? facts.profile.retentionEn : facts.profile.retention;
    storage.push(t('storagePhone', { retention: retention.trim() }));
  }

  const rights = [t('rights'), t('withdraw', { email: facts.profile.email || business })];
  rights.push(authority ? t('complaint', { authority: `${authority.name}, ${authority.street}, ${authority.town}` }) : t('complaintAny'));

  const source =
    facts.imports.length === 0
      ? [t('sourceOffice')]
      : [
          ...facts.imports.map((record) =>
            t(record.effect === 'created' ? 'sourceCreated' : 'sourceUpdated', {
              file: record.fileName,
              date: formatDate(record.importedAt, facts.language),
            }),
          ),
          t('sourceFiles'),
        ];

  return { purposes, legalBases, recipients, storage, rights, source, automatedDecisions: t('automated') };
}
