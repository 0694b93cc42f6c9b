import type { Contact } from '../../shared/model/contact';

/**
 * Every way a text can break a line: CR LF as one, then CR, LF, NEL (U+0085), and the Unicode line
 * and paragraph separators (U+2028, U+2029). A vCard reader may end a property at any of them, so a
 * value never carries one raw: "Carl\rTEL:+4917077777" in a name would otherwise add a number to the
 * card (and to the business phone).
 */
const lineBreaks = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** The other control characters (C0 but TAB, DEL, C1): nothing a name, number or address needs. */
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/**
 * A text value (RFC 6350 §3.4, the same in vCard 3.0, RFC 2426 §5): controls removed, backslash,
 * comma and semicolon escaped, each line break written as `\n`. The order matters: backslashes are
 * doubled first, so that the `\n` written afterwards stays one escape.
 */
const escapeText = (text: string | null | undefined): string =>
  (text ?? '').replace(controls, '').replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(lineBreaks, '\\n');

/** Lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // The first line holds 75 octets; each continuation 74 after its leading space.
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

/**
 * Contacts as a vCard 3.0 file that phones (Android, iPhone) import: names, company, numbers, e-mails.
 * No addresses, notes or birthdays: the business phone needs whom to write to, and what is not on it
 * cannot leak from it.
 */
export function toVcard(contacts: readonly Contact[]): string {
  const cards = contacts.map((contact) => {
    const lines = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      `N:${escapeText(contact.familyName)};${escapeText(contact.givenName)};;${escapeText(contact.title)};`,
      `FN:${escapeText(contact.displayName)}`,
      ...(contact.organization ? [`ORG:${escapeText(contact.organization)}`] : []),
      ...contact.phones.map((phone) => `TEL;TYPE=${phone.kind === 'mobile' ? 'CELL' : 'VOICE'}:${escapeText(phone.e164 ?? phone.raw)}`),
      // A text flagged as not an address stays in the app for the office to fix, not on the phone.
      ...contact.emails.filter((email) => email.valid).map((email) => `EMAIL;TYPE=INTERNET:${escapeText(email.address)}`),
      'END:VCARD',
    ];
    return lines.map(fold).join('\r\n');
  });
  return cards.length ? `${cards.join('\r\n')}\r\n` : '';
}
