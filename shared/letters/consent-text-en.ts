import type { ConsentText } from './consent-text-de';

/**
 * The consent letter and form in English, for contacts who read English: the same elements as the
 * German text (docs/consent-letter.md), sentence for sentence. The version id covers both texts. English has
 * no Du and Sie: the informal variants differ only in their greeting and closing.
 */
const intro = [
  'Many of our customers write to us on WhatsApp. WhatsApp, however, reads a phone’s address book and transfers the phone numbers to its operator. The data protection authorities consider this unlawful without the consent of the people concerned. So we are asking you before we store your number in the address book of our business phone; until you answer, it is not there.',
  'You have the choice:',
];
const introEmployee = [
  'At work we often arrange things on WhatsApp. WhatsApp reads a phone’s address book and transfers the phone numbers to its operator. The German data protection authorities consider this unlawful without consent – among colleagues too. So we are asking you before we store your mobile number in the address book of the business phone; until you answer, it is not there. Whether you consent has no bearing on your employment.',
  'You have the choice:',
];
const options = {
  switch:
    'You switch with us to {{messenger}} ({{facts}}), a messenger that does not upload your address book: scan the QR code or open {{link}}.',
  consent:
    'You would like to stay on WhatsApp: then please tick on the enclosed declaration of consent what we may write to you about, sign the copy to return and send it back to us.',
  phone: 'You would like neither: then we will reach you by phone or e-mail as usual – without any disadvantage to you.',
};
const deadline =
  'Please answer by {{date}}. Without an answer by then we will reach you only by phone and e-mail. If you have any questions, please call us: {{phone}}.';

export const consentTextEn: ConsentText = {
  channels: ['phone', 'e-mail'],
  or: 'or',

  subject: 'WhatsApp with us – only with your consent',
  intro,
  introEmployee,
  introEmployeeInformal: introEmployee,
  options,
  optionsInformal: options,
  deadline,
  deadlineInformal: deadline,
  regards: 'Kind regards',
  regardsInformal: 'Best wishes',
  enclosure: 'Enclosure: declaration of consent (2 copies)',
  roles: { managingDirector: 'Managing Director', board: 'Executive Board', owner: 'Management' },

  ourReference: 'Our reference',
  customerNumber: 'Customer no.',
  contactPerson: 'Contact',
  phone: 'Phone',
  email: 'E-mail',
  date: 'Date',

  copyKeep: 'Copy for your records',
  copyReturn: 'Copy to return',
  belongsTo: 'to our letter of {{date}}, our reference {{reference}}',
  formTitle: 'Consent to communication via WhatsApp',
  formFor: 'From:',
  mobileBlank: 'Mobile number: ____________________',
  version: 'Text version',
  act: 'With my consent, {{business}} stores my mobile number in the address book of the business phone that runs the WhatsApp Business app with the number {{number}}. WhatsApp reads this address book and transfers the numbers to its operator; we then exchange messages via WhatsApp.',
  representedBy: 'represented by',
  controller: 'Controller: {{controller}}.',
  dpo: 'Data protection officer: {{dpo}}.',
  data: 'Data and recipients: WhatsApp Ireland Ltd. (contractual partner in the EU), WhatsApp LLC and Meta Platforms Inc. (USA) receive my name, my mobile number, my WhatsApp profile (name, picture), the messages and metadata (time, device, IP address). Details: WhatsApp’s privacy policy, www.whatsapp.com/legal/privacy-policy-eea.',
  transfer:
    'Transfer to the USA: WhatsApp LLC and Meta Platforms Inc. are certified under the EU-US Data Privacy Framework (adequacy decision (EU) 2023/1795; the General Court of the EU upheld it on 3 September 2025, case T-553/23; an appeal, C-703/25 P, is pending). While this decision stands, it permits the transfer. Should it fall, there would be no equivalent protection there: US authorities could access the data without my knowledge, and I would have no legal remedies like those in the EU.',
  legalBasis:
    'The legal basis is my consent (Art. 6(1)(a) GDPR). It is voluntary; if I do not consent, I suffer no disadvantage and am reached by {{channels}}.',
  legalBasisEmployee:
    'The legal basis is my consent (Art. 6(1)(a) GDPR, Section 26(2) of the German Federal Data Protection Act, BDSG). It is voluntary and has no bearing on my employment; if I do not consent, I am reached by {{channels}}.',
  withdrawal:
    'Withdrawal: I can withdraw my consent at any time with effect for the future, as easily as I gave it – by letter, by e-mail to {{email}} or with “STOP” in the chat (Art. 7(3) GDPR). What happened before the withdrawal remains lawful. After a withdrawal my number is deleted from the business phone; what WhatsApp has already received, {{business}} cannot recall.',
  retention: 'Retention period: {{retention}} There is no automated decision-making (Art. 22 GDPR).',
  rights: 'My rights: access, rectification, erasure, restriction and data portability (Art. 15–18, 20 GDPR).',
  objection: 'I can object to advertising at any time (Art. 21 GDPR).',
  complaint: 'I can complain to a data protection supervisory authority, in particular: {{authority}}.',
  privacyPolicy: 'Privacy policy: {{url}}',
  returnInformation:
    'I have received the information on the processing (recipients, transfer to the USA, withdrawal, retention, my rights) with the copy for your records (same text version). My consent is voluntary; I can withdraw it at any time (Art. 7(3) GDPR).',

  decisionHeading: 'My decision (please tick)',
  consentFor:
    'I consent to {{business}} storing my mobile number on the business phone as described and communicating with me via WhatsApp for:',
  purposes: {
    appointments: 'Arranging appointments',
    site_photos: 'Photos of the building site or of damage',
    quotes_invoices: 'Quotes and invoices',
    advertising: 'Advertising and news',
  },
  advertising:
    'Separately and voluntarily: I consent to {{business}} sending me advertising and news via WhatsApp (Section 7 of the German Unfair Competition Act, UWG).',
  transferConsent:
    'Voluntary, in case the adequacy decision on the Data Privacy Framework falls: I expressly consent to the transfer of my data to the USA (Art. 49(1)(a) GDPR), although US authorities could then access it without my knowledge and I would have no legal remedies like those in the EU.',
  refusal: 'No, I do not want to be contacted via WhatsApp.',

  placeDate: 'Place, date',
  signature: 'Signature',
  signerNameAndMobile: 'Name and mobile number of the person signing (only an individual, not a company, can consent)',
  signOtherCopy: 'to keep; the copy to return is the one to sign',
  guardian: 'Signature of a parent or guardian',
  returnNote: 'Please return to:',
  returnCode: 'Return code',
  scanEnough: 'A photo or scan by e-mail to {{email}} is enough.',
};
