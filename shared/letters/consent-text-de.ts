import type { Purpose } from '../model/tracking';

/**
 * The German text of the consent letter and of the consent form (DOMAIN.md §2). Changing any of it
 * changes the version id printed on the form (see consentTextVersion), so the office can always tell
 * which text a contact signed.
 */
export const consentTextDe = {
  /** The channels that always remain, and the word before the last of a list ("Telefon, E-Mail oder Signal"). */
  channels: ['Telefon', 'E-Mail'],
  or: 'oder',
  subject: 'WhatsApp mit uns – nur mit Ihrer Einwilligung',
  intro: [
    'wir sind bisher oft per WhatsApp mit Ihnen in Kontakt. WhatsApp lädt aber die Telefonnummern aus dem Adressbuch eines Handys zum Betreiber in die USA hoch – auch Ihre Nummer aus unserem Firmenhandy. Das Datenschutzrecht erlaubt uns das nur mit Ihrer ausdrücklichen, schriftlichen Einwilligung.',
    'Sie haben die Wahl:',
  ] as [string, string],
  options: {
    switch: 'Sie wechseln mit uns zu {{messenger}} ({{facts}}): ein Messenger, der Ihr Adressbuch nicht hochlädt. Scannen Sie einfach den QR-Code oder öffnen Sie {{link}}.',
    consent: 'Sie möchten bei WhatsApp bleiben: Dann füllen Sie bitte die beiliegende Einwilligungserklärung aus und senden sie unterschrieben an uns zurück.',
    phone: 'Sie möchten weder noch: Dann erreichen wir Sie wie gewohnt per Telefon oder E-Mail – ohne jeden Nachteil für Sie.',
  },
  closingText: 'Bei Fragen rufen Sie uns gern an.',
  regards: 'Mit freundlichen Grüßen',

  formTitle: 'Einwilligungserklärung zur Kommunikation über WhatsApp',
  formFor: 'Von:',
  controllerHeading: 'Verantwortlich',
  representedBy: 'vertreten durch',
  dpoHeading: 'Datenschutzbeauftragte(r)',
  purposesHeading: 'Ich willige ein, dass der Betrieb mit mir über WhatsApp kommuniziert, und zwar für (bitte ankreuzen):',
  purposes: {
    appointments: 'Terminabsprachen',
    site_photos: 'Fotos von der Baustelle oder vom Schaden',
    quotes_invoices: 'Angebote und Rechnungen',
    advertising: 'Werbung und Neuigkeiten (getrennt von allen anderen Zwecken; freiwillig)',
  } satisfies Record<Purpose, string>,
  data: 'Verarbeitet werden: mein Name, meine Mobilnummer (gespeichert im Adressbuch des Firmenhandys), mein WhatsApp-Profilname und -bild, die Inhalte unserer Nachrichten sowie Metadaten (Zeitpunkt, Gerät, IP-Adresse).',
  recipients: 'Empfänger: WhatsApp Ireland Ltd. (Vertragspartner in der EU), WhatsApp LLC und Meta Platforms Inc. (USA).',
  transfer:
    'Übermittlung in die USA: Sie stützt sich auf den Angemessenheitsbeschluss der EU-Kommission zum EU-US Data Privacy Framework (2023/1795; vom Gericht der EU am 3. 9. 2025 bestätigt, Rechtssache T-553/23, Rechtsmittel C-703/25 P anhängig) und hilfsweise auf Standardvertragsklauseln.',
  transferConsent:
    'Ich willige ausdrücklich nach Art. 49 Abs. 1 Buchst. a DSGVO in die Übermittlung meiner Daten in die USA ein. Mir ist bekannt, dass dort US-Behörden auf die Daten zugreifen können, meine Rechtsschutzmöglichkeiten eingeschränkt sind und der Betreiber Metadaten auch für eigene Zwecke nutzt.',
  legalBasis: 'Rechtsgrundlage ist meine Einwilligung nach Art. 6 Abs. 1 Buchst. a DSGVO; bei Beschäftigten zusätzlich § 26 Abs. 2 BDSG.',
  voluntary: 'Die Einwilligung ist freiwillig. Wenn ich nicht einwillige, entsteht mir kein Nachteil: Der Betrieb erreicht mich dann per {{channels}}.',
  retentionHeading: 'Speicherdauer:',
  withdrawal:
    'Ich kann diese Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO) – per Brief, per E-Mail an {{email}} oder indem ich „STOP“ in den Chat schreibe. Der Widerruf ist so einfach wie die Einwilligung.',
  rights:
    'Ich habe das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Datenübertragbarkeit und Widerspruch (Art. 15–18, 20, 21 DSGVO) und kann mich bei der Aufsichtsbehörde beschweren:',
  privacyPolicy: 'Datenschutzerklärung:',
  placeDate: 'Ort, Datum',
  signature: 'Unterschrift',
  copyNote: 'Bitte senden Sie diese Seite unterschrieben an uns zurück; die erste Seite ist für Ihre Unterlagen. Eine Kopie Ihrer Erklärung erhalten Sie auf Wunsch.',
  version: 'Textversion',
  date: 'Datum',
  customerNumber: 'Kundennummer',
  reference: 'Unser Zeichen',
};

/** The consent letter's words in one language; every language has all of them. */
export type ConsentText = typeof consentTextDe;
