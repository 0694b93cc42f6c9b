import type { Contact } from '../../shared/model/contact';

/** vCard 3.0 text values: backslash, comma, semicolon and line breaks escaped (RFC 2426 §5). */
const escape = (text: string | null | undefined) => (text ?? '').replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Contacts as a vCard 3.0 file that phones (Android, iPhone) import: names, company, numbers, e-mails. */
export function toVcard(contacts: readonly Contact[]): string {
  const cards = contacts.map((contact) => {
    const lines = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      `N:${escape(contact.familyName)};${escape(contact.givenName)};;${escape(contact.title)};`,
      `FN:${escape(contact.displayName)}`,
      ...(contact.organization ? [`ORG:${escape(contact.organization)}`] : []),
      ...contact.phones.map((phone) => `TEL;TYPE=${phone.kind === 'mobile' ? 'CELL' : 'VOICE'}:${escape(phone.e164 ?? phone.raw)}`),
      // A text flagged as not an address stays in the app for the office to fix, not on the phone.
      ...contact.emails.filter((email) => email.valid).map((email) => `EMAIL;TYPE=INTERNET:${escape(email.address)}`),
      'END:VCARD',
    ];
    return lines.map(fold).join('\r\n');
  });
  return cards.length ? `${cards.join('\r\n')}\r\n` : '';
}
