import type { Purpose } from '../model/tracking';

/**
 * The German text of the consent letter and of the consent form (docs/consent-letter.md). Changing any of it
 * changes the version id printed on the form (see consentTextVersion), so the office can always tell
 * which text a contact signed. {{placeholders}} are filled in consent-letter.ts.
 *
 * The letter states the position without claiming a written-form rule (the GDPR has none; the signed
 * form is the proof the business keeps) and without saying that the number is being uploaded
 * unlawfully now: the authorities consider the upload without consent unlawful, so the business asks.
 * The form is written in the first person (the signer declares), so it needs no Du or Sie.
 */
export const consentTextDe = {
  /** The channels that always remain, and the word before the last of a list ("Telefon, E-Mail oder Signal"). */
  channels: ['Telefon', 'E-Mail'],
  or: 'oder',

  // The letter (page 1).
  subject: 'WhatsApp mit uns – nur mit Ihrer Einwilligung',
  /** Customers, suppliers and others: Sie. */
  intro: [
    'viele unserer Kundinnen und Kunden schreiben uns per WhatsApp. WhatsApp liest aber das Adressbuch eines Handys und übermittelt die Telefonnummern an seinen Betreiber. Die Datenschutz-Aufsichtsbehörden halten das ohne Einwilligung der Betroffenen für unzulässig. Deshalb fragen wir Sie, bevor wir Ihre Nummer im Adressbuch unseres Firmenhandys speichern – bis zu Ihrer Antwort steht sie dort nicht.',
    'Sie haben die Wahl:',
  ],
  /** Employees, addressed with Sie. */
  introEmployee: [
    'in unserem Betrieb sprechen wir uns oft per WhatsApp ab. WhatsApp liest das Adressbuch eines Handys und übermittelt die Telefonnummern an seinen Betreiber. Die Datenschutz-Aufsichtsbehörden halten das ohne Einwilligung für unzulässig – auch unter Kolleginnen und Kollegen. Deshalb fragen wir Sie, bevor wir Ihre Mobilnummer im Adressbuch des Firmenhandys speichern; bis zu Ihrer Antwort steht sie dort nicht. Ob Sie einwilligen, hat keinen Einfluss auf Ihr Arbeitsverhältnis.',
    'Sie haben die Wahl:',
  ],
  /** Employees, addressed with Du. */
  introEmployeeInformal: [
    'in unserem Betrieb sprechen wir uns oft per WhatsApp ab. WhatsApp liest das Adressbuch eines Handys und übermittelt die Telefonnummern an seinen Betreiber. Die Datenschutz-Aufsichtsbehörden halten das ohne Einwilligung für unzulässig – auch unter Kolleginnen und Kollegen. Deshalb fragen wir dich, bevor wir deine Mobilnummer im Adressbuch des Firmenhandys speichern; bis zu deiner Antwort steht sie dort nicht. Ob du einwilligst, hat keinen Einfluss auf dein Arbeitsverhältnis.',
    'Du hast die Wahl:',
  ],
  options: {
    switch:
      'Sie wechseln mit uns zu {{messenger}} ({{facts}}), einem Messenger, der Ihr Adressbuch nicht hochlädt: QR-Code scannen oder {{link}} öffnen.',
    consent:
      'Sie möchten bei WhatsApp bleiben: Dann kreuzen Sie bitte auf der beiliegenden Einwilligungserklärung an, wofür wir Ihnen schreiben dürfen, und senden uns das Exemplar zur Rücksendung unterschrieben zurück.',
    phone: 'Sie möchten beides nicht: Dann erreichen wir Sie wie gewohnt per Telefon oder E-Mail – ohne jeden Nachteil für Sie.',
  },
  optionsInformal: {
    switch:
      'Du wechselst mit uns zu {{messenger}} ({{facts}}), einem Messenger, der dein Adressbuch nicht hochlädt: QR-Code scannen oder {{link}} öffnen.',
    consent:
      'Du möchtest bei WhatsApp bleiben: Dann kreuze bitte auf der beiliegenden Einwilligungserklärung an, wofür wir dir schreiben dürfen, und gib uns das Exemplar zur Rücksendung unterschrieben zurück.',
    phone: 'Du möchtest beides nicht: Dann erreichen wir dich wie gewohnt per Telefon oder E-Mail – ohne jeden Nachteil für dich.',
  },
  deadline:
    'Bitte antworten Sie uns bis zum {{date}}. Ohne Antwort bis dahin erreichen wir Sie nur noch per Telefon und E-Mail. Bei Fragen rufen Sie uns gern an: {{phone}}.',
  deadlineInformal:
    'Bitte antworte uns bis zum {{date}}. Ohne Antwort bis dahin erreichen wir dich nur noch per Telefon und E-Mail. Bei Fragen ruf uns gern an: {{phone}}.',
  regards: 'Mit freundlichen Grüßen',
  regardsInformal: 'Viele Grüße',
  enclosure: 'Anlage: Einwilligungserklärung (2 Exemplare)',
  /** The representative's function under the signature, when the profile names none. */
  roles: { managingDirector: 'Geschäftsführung', board: 'Vorstand', owner: 'Geschäftsleitung' },

  // The information block (DIN 5008: references, contact, then the date last).
  ourReference: 'Unser Zeichen',
  customerNumber: 'Kundennummer',
  contactPerson: 'Name',
  phone: 'Telefon',
  email: 'E-Mail',
  date: 'Datum',

  // The form (pages 2 and 3): information first, then the boxes, then the signature.
  copyKeep: 'Exemplar für Ihre Unterlagen',
  copyReturn: 'Exemplar zur Rücksendung',
  belongsTo: 'zum Schreiben vom {{date}}, Unser Zeichen {{reference}}',
  formTitle: 'Einwilligung in die Kommunikation über WhatsApp',
  formFor: 'Von:',
  mobileBlank: 'Mobilnummer: ____________________',
  version: 'Textversion',
  act: 'Mit meiner Einwilligung speichert {{business}} meine Mobilnummer im Adressbuch des Firmenhandys, auf dem die App WhatsApp Business mit der Nummer {{number}} läuft. WhatsApp liest dieses Adressbuch und übermittelt die Nummern an seinen Betreiber; Nachrichten tauschen wir dann über WhatsApp aus.',
  representedBy: 'vertreten durch',
  controller: 'Verantwortlich: {{controller}}.',
  dpo: 'Datenschutzbeauftragte(r): {{dpo}}.',
  data: 'Daten und Empfänger: WhatsApp Ireland Ltd. (Vertragspartner in der EU), WhatsApp LLC und Meta Platforms Inc. (USA) erhalten meinen Namen, meine Mobilnummer, mein WhatsApp-Profil (Name, Bild), die Nachrichten und Metadaten (Zeitpunkt, Gerät, IP-Adresse). Einzelheiten: Datenschutzrichtlinie von WhatsApp, www.whatsapp.com/legal/privacy-policy-eea.',
  transfer:
    'Übermittlung in die USA: WhatsApp LLC und Meta Platforms Inc. sind nach dem EU-US Data Privacy Framework zertifiziert (Angemessenheitsbeschluss (EU) 2023/1795; das Gericht der EU hat ihn am 03.09.2025 bestätigt, Rechtssache T-553/23; ein Rechtsmittel, C-703/25 P, läuft noch). Solange dieser Beschluss gilt, erlaubt er die Übermittlung. Fiele er weg, gäbe es dort keinen gleichwertigen Schutz: US-Behörden könnten ohne mein Wissen auf die Daten zugreifen, und Rechtsschutz wie in der EU hätte ich nicht.',
  legalBasis:
    'Rechtsgrundlage ist meine Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO). Sie ist freiwillig; willige ich nicht ein, entsteht mir kein Nachteil, und ich werde per {{channels}} erreicht.',
  legalBasisEmployee:
    'Rechtsgrundlage ist meine Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO, § 26 Abs. 2 BDSG). Sie ist freiwillig und ohne Einfluss auf mein Arbeitsverhältnis; willige ich nicht ein, werde ich per {{channels}} erreicht.',
  withdrawal:
    'Widerruf: Ich kann meine Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen, so einfach, wie ich sie erteilt habe – per Brief, per E-Mail an {{email}} oder mit „STOP“ im Chat (Art. 7 Abs. 3 DSGVO). Was bis zum Widerruf geschehen ist, bleibt rechtmäßig. Nach einem Widerruf wird meine Nummer aus dem Firmenhandy gelöscht; was WhatsApp schon erhalten hat, kann {{business}} nicht zurückholen.',
  retention: 'Speicherdauer: {{retention}} Eine automatisierte Entscheidung (Art. 22 DSGVO) findet nicht statt.',
  rights: 'Meine Rechte: Auskunft, Berichtigung, Löschung, Einschränkung und Datenübertragbarkeit (Art. 15–18, 20 DSGVO).',
  objection: 'Der Werbung kann ich jederzeit widersprechen (Art. 21 DSGVO).',
  complaint: 'Ich kann mich bei einer Datenschutz-Aufsichtsbehörde beschweren, insbesondere: {{authority}}.',
  privacyPolicy: 'Datenschutzerklärung: {{url}}',
  returnInformation:
    'Die Informationen zur Verarbeitung (Empfänger, Übermittlung in die USA, Widerruf, Speicherdauer, meine Rechte) habe ich mit dem Exemplar für Ihre Unterlagen (gleiche Textversion) erhalten. Meine Einwilligung ist freiwillig; ich kann sie jederzeit widerrufen (Art. 7 Abs. 3 DSGVO).',

  decisionHeading: 'Meine Entscheidung (bitte ankreuzen)',
  consentFor:
    'Ich willige ein, dass {{business}} meine Mobilnummer wie beschrieben im Firmenhandy speichert und mit mir über WhatsApp kommuniziert, und zwar für:',
  purposes: {
    appointments: 'Terminabsprachen',
    site_photos: 'Fotos von der Baustelle oder vom Schaden',
    quotes_invoices: 'Angebote und Rechnungen',
    advertising: 'Werbung und Neuigkeiten',
  } satisfies Record<Purpose, string>,
  advertising: 'Gesondert und freiwillig: Ich willige ein, dass {{business}} mir Werbung und Neuigkeiten über WhatsApp schickt (§ 7 UWG).',
  transferConsent:
    'Freiwillig, falls der Angemessenheitsbeschluss zum Data Privacy Framework wegfällt: Ich willige ausdrücklich in die Übermittlung meiner Daten in die USA ein (Art. 49 Abs. 1 Buchst. a DSGVO), obwohl US-Behörden dann ohne mein Wissen zugreifen könnten und ich keinen Rechtsschutz wie in der EU hätte.',
  refusal: 'Nein, ich möchte nicht per WhatsApp kontaktiert werden.',

  placeDate: 'Ort, Datum',
  signature: 'Unterschrift',
  signerNameAndMobile: 'Name und Mobilnummer der Person, die unterschreibt (einwilligen kann nur ein Mensch, keine Firma)',
  signOtherCopy: 'zum Aufbewahren; unterschrieben wird das Exemplar zur Rücksendung',
  guardian: 'Unterschrift einer oder eines Erziehungsberechtigten',
  returnNote: 'Bitte zurück an:',
  returnCode: 'Rückläufer-Code',
  scanEnough: 'Ein Foto oder Scan per E-Mail an {{email}} genügt.',
};

/** The consent letter's words in one language; every language has all of them. */
export type ConsentText = typeof consentTextDe;
