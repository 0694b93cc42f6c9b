import { foldForSearch } from './search';

/**
 * Names as German offices write them: "Schulze, Bernd", "Herr Dr. Bernd Schulze", "Richard von
 * Weizsäcker", "Elektro Meier GmbH & Co. KG". Used by every importer and by the contact form.
 */

export type Gender = 'female' | 'male' | 'diverse';

export interface PersonName {
  givenName: string | null;
  familyName: string | null;
  /** Academic or professional title for the salutation: "Dr.", "Prof. Dr.", "Dipl.-Ing.". */
  title: string | null;
  gender: Gender | null;
  organization: string | null;
}

const salutations: Record<string, Gender> = {
  herr: 'male',
  hr: 'male',
  herrn: 'male',
  mr: 'male',
  frau: 'female',
  fr: 'female',
  mrs: 'female',
  ms: 'female',
  miss: 'female',
};

const titlePattern = /^(?:prof|dr|dipl|mag|ing|med|rer|nat|phil|jur|habil|dent|vet|msc|bsc|ba|ma|mba|llm)\b\.?(?:-\w+\.?)?$/i;

/** Legal forms and words that mark a company rather than a person. */
const companyPattern =
  /(?:^|[\s,&.-])(?:gmbh|mbh|ag|kg|ohg|gbr|ug|e\.\s?k\.?|e\.\s?v\.?|se|ltd\.?|inc\.?|llc|plc|co\.?|kgaa|partg|eg|stiftung|gesellschaft|holding|werke?|bau|service|handel|sanitär|elektro|heizung|dachdeckerei|tischlerei|schreinerei|malerbetrieb|autohaus|praxis|kanzlei|apotheke|verwaltung|hausverwaltung|stadtwerke|sparkasse|bank)(?=$|[\s,&.)-])/i;

const familyParticles = new Set([
  'von',
  'van',
  'de',
  'der',
  'den',
  'zu',
  'zum',
  'zur',
  'vom',
  'ten',
  'ter',
  'di',
  'da',
  'del',
  'della',
  'la',
  'le',
  'du',
  'dos',
  'das',
  'af',
  'al',
  'bin',
  'ibn',
]);

const clean = (text: string | null | undefined): string | null => {
  const trimmed = (text ?? '').replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
};

export const looksLikeCompany = (text: string): boolean => companyPattern.test(text);

export function genderFromSalutation(text: string | null | undefined): Gender | null {
  const word = (text ?? '').trim().toLowerCase().replace(/\.$/, '');
  return salutations[word] ?? null;
}

/** "Herr Dr." or "Frau Prof." (a vCard N prefix, an Outlook "Anrede" cell) into gender and title. */
export function honorificParts(text: string | null | undefined): { gender: Gender | null; title: string | null } {
  let gender: Gender | null = null;
  const titles: string[] = [];
  for (const word of (text ?? '').split(/\s+/).filter(Boolean)) {
    const salutation = genderFromSalutation(word);
    if (salutation) gender = salutation;
    else titles.push(word);
  }
  return { gender, title: titles.length ? titles.join(' ') : null };
}

/** Splits leading salutation and title words off a list of name words. */
function takePrefixes(words: string[]): { gender: Gender | null; titles: string[]; rest: string[] } {
  let gender: Gender | null = null;
  const titles: string[] = [];
  let index = 0;
  for (; index < words.length; index += 1) {
    const word = words[index]!;
    const salutation = genderFromSalutation(word);
    if (salutation && index < words.length - 1) gender = salutation;
    else if (titlePattern.test(word) && index < words.length - 1) titles.push(word);
    else break;
  }
  return { gender, titles, rest: words.slice(index) };
}

/** A full name from one cell or an FN line into its parts. */
export function splitFullName(text: string | null | undefined): PersonName {
  const full = clean(text);
  const empty: PersonName = { givenName: null, familyName: null, title: null, gender: null, organization: null };
  if (!full) return empty;
  if (looksLikeCompany(full)) return { ...empty, organization: full };

  const comma = full.split(',');
  if (comma.length === 2) {
    // "Schulze, Bernd" or "Schulze, Dr. Bernd"
    const family = clean(comma[0]);
    const { gender, titles, rest } = takePrefixes(clean(comma[1])?.split(' ') ?? []);
    return {
      givenName: clean(rest.join(' ')),
      familyName: family,
      title: titles.length ? titles.join(' ') : null,
      gender,
      organization: null,
    };
  }

  const { gender, titles, rest } = takePrefixes(full.split(' '));
  const title = titles.length ? titles.join(' ') : null;
  if (rest.length <= 1) return { ...empty, familyName: clean(rest[0]), title, gender };
  // The family name starts at the first particle ("von", "van der") after the first word, else it is the last word.
  let familyStart = rest.length - 1;
  for (let i = 1; i < rest.length - 1; i += 1) {
    if (familyParticles.has(rest[i]!.toLowerCase())) {
      familyStart = i;
      break;
    }
  }
  return {
    givenName: clean(rest.slice(0, familyStart).join(' ')),
    familyName: clean(rest.slice(familyStart).join(' ')),
    title,
    gender,
    organization: null,
  };
}

/** The name shown in lists: "Bernd Schulze", else the company, else the e-mail or number. */
export function displayNameOf(parts: {
  formattedName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  organization?: string | null;
  fallbacks?: (string | null | undefined)[];
}): string {
  const person = clean([parts.givenName, parts.familyName].filter(Boolean).join(' '));
  return clean(parts.formattedName) ?? person ?? clean(parts.organization) ?? parts.fallbacks?.map(clean).find(Boolean) ?? '';
}

/** Lower-case words without accents, salutations or titles: "Dr. Jürgen Müller-Lüdenscheidt" → jurgen, muller, ludenscheidt. */
export function nameTokens(name: string | null | undefined): string[] {
  return foldForSearch(name ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !salutations[word] && !titlePattern.test(word));
}

/** The words of a given name with initials kept ("B." is "b"), for comparing given names. */
const givenWords = (name: string | null | undefined): string[] =>
  foldForSearch(name ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Whether two given names can be the same person's: the first given name is the same, or one is the
 * other's initial ("B." for "Bernd"). Unknown agrees with anything. Anna and Klaus Bauer share a
 * family name and maybe a number, never a given name.
 */
export function givenNamesAgree(a: string | null | undefined, b: string | null | undefined): boolean {
  const [first] = givenWords(a);
  const [second] = givenWords(b);
  if (!first || !second) return true;
  return first === second || (first.length === 1 && second.startsWith(first)) || (second.length === 1 && first.startsWith(second));
}

/** Legal forms say nothing about which company it is: "Bauer GmbH" and "Lehmann GmbH" have nothing in common. */
const legalFormWords = new Set([
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'ohg',
  'gbr',
  'ug',
  'ek',
  'ev',
  'se',
  'ltd',
  'inc',
  'llc',
  'plc',
  'co',
  'kgaa',
  'partg',
  'eg',
  'haftungsbeschrankt',
]);

/** The words that tell one company from another: its name without the legal form. */
export const organizationTokens = (organization: string | null | undefined): string[] =>
  nameTokens(organization).filter((word) => !legalFormWords.has(word));

/**
 * Whether two names may belong to the same person: true when either is unknown or they share a
 * word ("Bernd Schulze" and "Schulze, B." share "schulze"); false when both are known and have
 * nothing in common ("Mama" and "Maria Schulze").
 */
export function namesCompatible(a: string | null | undefined, b: string | null | undefined): boolean {
  const first = nameTokens(a);
  const second = new Set(nameTokens(b));
  if (first.length === 0 || second.size === 0) return true;
  return first.some((token) => second.has(token));
}
