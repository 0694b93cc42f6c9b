import type { ConsentText } from './consent-text-de';

/**
 * The consent letter and form in English, for contacts who read English: the same elements as the
 * German text (DOMAIN.md §2), sentence for sentence. The version id covers both texts.
 */
export const consentTextEn: ConsentText = {
  channels: ['phone', 'e-mail'],
  or: 'or',
  subject: 'WhatsApp with us – only with your consent',
  intro: [
    'We have often been in touch with you on WhatsApp. WhatsApp, however, uploads the phone numbers in a phone’s address book to its operator in the USA – including your number from our business phone. Data protection law allows us this only with your express written consent.',
    'You have the choice:',
  ],
  options: {
    switch: 'You switch with us to {{messenger}} ({{facts}}): a messenger that does not upload your address book. Simply scan the QR code or open {{link}}.',
    consent: 'You would like to stay on WhatsApp: then please fill in the enclosed declaration of consent, sign it and send it back to us.',
    phone: 'You would like neither: then we will reach you by phone or e-mail as usual – without any disadvantage to you.',
  },
  closingText: 'If you have any questions, please give us a call.',
  regards: 'Kind regards',

  formTitle: 'Declaration of consent to communication via WhatsApp',
  formFor: 'From:',
  controllerHeading: 'Controller',
  representedBy: 'represented by',
  dpoHeading: 'Data protection officer',
  purposesHeading: 'I consent to the business communicating with me via WhatsApp for the following purposes (please tick):',
  purposes: {
    appointments: 'Arranging appointments',
    site_photos: 'Photos of the building site or of damage',
    quotes_invoices: 'Quotes and invoices',
    advertising: 'Advertising and news (separate from all other purposes; voluntary)',
  },
  data: 'The following are processed: my name, my mobile number (stored in the address book of the business phone), my WhatsApp profile name and picture, the content of our messages and metadata (time, device, IP address).',
  recipients: 'Recipients: WhatsApp Ireland Ltd. (contractual partner in the EU), WhatsApp LLC and Meta Platforms Inc. (USA).',
  transfer:
    'Transfer to the USA: it is based on the European Commission’s adequacy decision on the EU-US Data Privacy Framework (2023/1795; upheld by the General Court of the EU on 3 Sep 2025, case T-553/23, appeal C-703/25 P pending) and, in the alternative, on standard contractual clauses.',
  transferConsent:
    'I expressly consent under Art. 49(1)(a) GDPR to the transfer of my data to the USA. I am aware that US authorities may access the data there, that my legal remedies are limited and that the operator also uses metadata for its own purposes.',
  legalBasis: 'The legal basis is my consent under Art. 6(1)(a) GDPR; for employees also Section 26(2) of the German Federal Data Protection Act (BDSG).',
  voluntary: 'Consent is voluntary. If I do not consent, I suffer no disadvantage: the business will then reach me by {{channels}}.',
  retentionHeading: 'Retention period:',
  withdrawal:
    'I may withdraw this consent at any time with effect for the future (Art. 7(3) GDPR) – by letter, by e-mail to {{email}} or by writing “STOP” in the chat. Withdrawing is as easy as consenting.',
  rights:
    'I have the right of access, rectification, erasure, restriction of processing, data portability and objection (Art. 15–18, 20, 21 GDPR) and may lodge a complaint with the supervisory authority:',
  privacyPolicy: 'Privacy policy:',
  placeDate: 'Place, date',
  signature: 'Signature',
  copyNote: 'Please sign this page and send it back to us; the first page is for your records. On request you will receive a copy of your declaration.',
  version: 'Text version',
  date: 'Date',
  customerNumber: 'Customer number',
  reference: 'Our reference',
};
