import { honorificParts } from '../../shared/names';
import { normalizeBirthday } from './dates';
import { emptyContact, type ImportIssue, type ParsedAddress, type ParsedContact } from './types';
import { contactLanguageNamed } from './language';
import { MAX_VALUE_CHARS } from './limits';
import type { LineBatch } from './source';
import {
  clean,
  isCardBoundary,
  splitStructured,
  unescapeText,
  valueDecoder,
  VcardLines,
  type Property,
  type VcardLexOptions,
} from './vcard-lexer';

/**
 * A tolerant reader for vCard 2.1, 3.0 and 4.0 as phones and programs really write them: the lexer
 * (vcard-lexer.ts) hands on each property a card holds, and this builds contacts from them.
 */

/** Apple's `_$!<Mobile>!$_` and Google's custom labels become plain words. */
const cleanLabel = (label: string) => label.replace(/^_\$!<(.*)>!\$_$/, '$1').trim();

function genderOf(value: string): ParsedContact['gender'] {
  const word = value.split(';')[0]!.trim().toLowerCase();
  if (['m', 'male', 'männlich', 'mann', '2'].includes(word)) return 'male';
  if (['f', 'female', 'weiblich', 'frau', '1'].includes(word)) return 'female';
  if (['o', 'd', 'divers', 'diverse', 'other'].includes(word)) return 'diverse';
  return null;
}

class CardBuilder {
  readonly contact: ParsedContact;
  private labels = new Map<string, string>();
  /** The PREF of the language taken so far (lower is preferred; none given counts as 100). */
  private languageRank = Infinity;
  private grouped: { group: string; apply: (label: string) => void }[] = [];

  constructor(line: number) {
    this.contact = emptyContact(line);
  }

  private remember(group: string | null, apply: (label: string) => void): void {
    if (group) this.grouped.push({ group, apply });
  }

  add(property: Property, decode: (p: Property) => string): void {
    const c = this.contact;
    const { header } = property;
    const text = decode(property);
    const value = () => clean(unescapeText(text));
    const parts = () => splitStructured(text).map((part) => clean(unescapeText(part)));
    switch (header.name) {
      case 'FN':
        c.formattedName = value();
        break;
      case 'N': {
        const [family, given, additional, prefix] = parts();
        c.familyName = family ?? null;
        c.givenName = additional ? clean(`${given ?? ''} ${additional.replace(/,/g, ' ')}`) : (given ?? null);
        if (prefix) {
          const honorific = honorificParts(prefix);
          c.gender = c.gender ?? honorific.gender;
          c.title = honorific.title ?? c.title;
        }
        break;
      }
      case 'ORG': {
        const [organization, ...units] = parts();
        c.organization = organization ?? null;
        c.department = units.length ? clean(units.filter(Boolean).join(', ')) : null;
        break;
      }
      case 'TITLE':
      case 'ROLE':
        c.jobTitle = c.jobTitle ?? value();
        break;
      case 'TEL': {
        const raw = value();
        if (!raw) break;
        const phone = { raw, label: header.label };
        c.phones.push(phone);
        this.remember(header.group, (label) => (phone.label = label));
        break;
      }
      case 'EMAIL': {
        const address = value();
        if (!address) break;
        const email = { address, label: header.label };
        c.emails.push(email);
        this.remember(header.group, (label) => (email.label = label));
        break;
      }
      case 'ADR': {
        const [, extended, street, city, region, postalCode, country] = parts();
        const address: ParsedAddress = {
          street: extended ? clean([street, extended].filter(Boolean).join('\n')) : (street ?? null),
          postalCode: postalCode ?? null,
          city: city ?? null,
          region: region ?? null,
          country: country ?? null,
          label: header.label,
        };
        if (address.street || address.city || address.postalCode) c.addresses.push(address);
        this.remember(header.group, (label) => (address.label = label));
        break;
      }
      case 'NOTE':
        // Once longer than any value is kept, more notes change nothing (and joining each to all
        // before would cost the square of their number).
        if ((c.note?.length ?? 0) <= MAX_VALUE_CHARS) c.note = clean([c.note, unescapeText(text).trim()].filter(Boolean).join('\n'));
        break;
      case 'BDAY':
        c.birthday = normalizeBirthday(text);
        break;
      case 'GENDER':
      case 'X-GENDER':
      case 'X-WAB-GENDER':
        c.gender = genderOf(text) ?? c.gender;
        break;
      case 'KIND':
        c.isCompany = /^org/i.test(text.trim());
        break;
      case 'LANG': {
        // A card may list several languages, ranked by PREF (1 first); the best-ranked one the app writes in wins.
        const language = contactLanguageNamed(text);
        const rank = Number(header.params.get('PREF')?.[0] ?? 100);
        if (language && rank < this.languageRank) {
          c.language = language;
          this.languageRank = rank;
        }
        break;
      }
      case 'X-ABSHOWAS':
        c.isCompany = /^company$/i.test(text.trim());
        break;
      case 'X-ABLABEL':
        if (header.group) this.labels.set(header.group, cleanLabel(unescapeText(text)));
        break;
    }
  }

  /** Apple and Google label numbers through a group: item1.TEL + item1.X-ABLabel. */
  finish(): ParsedContact {
    for (const { group, apply } of this.grouped) {
      const label = this.labels.get(group);
      if (label) apply(label);
    }
    return this.contact;
  }
}

export interface VcardOptions extends VcardLexOptions {
  issues: ImportIssue[];
}

/**
 * Contacts from the lines of a vCard file (each char one byte), batch by batch as the file streams.
 * Garbage outside cards, stray `END:` lines, `END:VCARD.` and nested AGENT cards are skipped; a
 * card cut off at the end is reported.
 */
export async function* parseVcardLines(batches: AsyncIterable<LineBatch>, options: VcardOptions): AsyncIterable<ParsedContact[]> {
  const decode = valueDecoder(options);
  let card: CardBuilder | null = null;
  let nested = 0;
  let done: ParsedContact[] = [];

  // Each property is a card boundary or belongs to the open card (nested AGENT cards are skipped).
  const lines = new VcardLines(
    options,
    () => card !== null,
    (header, value, line) => {
      if (header.name === 'BEGIN' && /^vcard/i.test(value.trim())) {
        if (card) nested += 1;
        else card = new CardBuilder(line);
      } else if (header.name === 'END' && /^vcard/i.test(value.trim())) {
        if (nested > 0) nested -= 1;
        else if (card) {
          done.push(card.finish());
          card = null;
        }
      } else if (card && nested === 0 && !isCardBoundary(header.name)) {
        card.add({ header, value, line }, decode);
      }
    },
  );

  for await (const { lines: batch, firstLine } of batches) {
    lines.add(batch, firstLine);
    if (done.length) {
      yield done;
      done = [];
    }
  }
  lines.end();
  if (done.length) yield done;
  const open = card as CardBuilder | null;
  if (open) options.issues.push({ line: open.contact.line, key: 'truncatedCard', vars: { line: open.contact.line } });
}
