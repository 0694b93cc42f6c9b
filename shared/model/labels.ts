/**
 * The labels files give numbers, e-mails and addresses: vCard types (kept lower case by the reader,
 * several joined by commas: "cell,work"), Apple's words ("Mobile", "HomeFAX") and Google's ("Work Fax",
 * "* Mobile" for the first one). They are stored as the file wrote them; a person reads them in their
 * language, from the catalogue's `labels.*`.
 */
export const knownLabels = [
  'mobile',
  'cell',
  'iphone',
  'home',
  'work',
  'main',
  'other',
  'fax',
  'homefax',
  'workfax',
  'otherfax',
  'pager',
  'car',
  'school',
  'text',
  'textphone',
  'msg',
  'video',
  'isdn',
  'voice',
] as const;
type KnownLabel = (typeof knownLabels)[number];

/** Words other programs use for the same labels. */
const synonyms: Record<string, KnownLabel> = { business: 'work', businessfax: 'workfax', personal: 'home', private: 'home' };

/** The offer for a label field: what an office mostly writes, in this order. */
export const suggestedLabels = ['mobile', 'home', 'work', 'fax', 'other'] as const satisfies readonly KnownLabel[];

const known = (word: string): KnownLabel | null => {
  const plain = word
    .toLowerCase()
    .replace(/^\*\s*/, '')
    .replace(/[\s_-]/g, '');
  return (knownLabels as readonly string[]).includes(plain) ? (plain as KnownLabel) : (synonyms[plain] ?? null);
};

type Translate = (key: string) => string;

/** A stored label as a person reads it: "cell,work" → "Mobil, Geschäftlich"; a label of the office's own ("Baustelle") as it is. */
export function labelInWords(label: string | null, translate: Translate): string {
  if (!label) return '';
  const parts = label.split(',').map((part) => part.trim());
  if (!parts.every((part) => known(part))) return label;
  return [...new Set(parts.map((part) => translate(`labels.${known(part)}`)))].join(', ');
}

/**
 * What to store for a label typed in the reader's language: a known word ("Mobil", "privat") as its
 * key, so that the other language reads it too; anything else as typed.
 */
export function labelFromWords(text: string, translate: Translate): string {
  const typed = text.trim().toLowerCase();
  const match = knownLabels.find((key) => translate(`labels.${key}`).toLowerCase() === typed);
  return match ?? text;
}
