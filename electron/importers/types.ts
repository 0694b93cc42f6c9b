import type { ContactKind, ContactLanguage } from '../../shared/model/contact';
import type { Gender } from '../../shared/names';

/** One contact as a file states it, before numbers are normalised or anything is matched. */
export interface ParsedContact {
  /** Line in the file where the contact starts (1-based), for messages. */
  line: number;
  formattedName: string | null;
  givenName: string | null;
  familyName: string | null;
  /** "Dr.", "Prof. Dr." … */
  title: string | null;
  gender: Gender | null;
  organization: string | null;
  department: string | null;
  jobTitle: string | null;
  phones: { raw: string; label: string | null }[];
  emails: { address: string; label: string | null }[];
  addresses: ParsedAddress[];
  note: string | null;
  /** YYYY-MM-DD, or --MM-DD when the year is unknown. */
  birthday: string | null;
  /** The file marks the entry as a company (vCard KIND:org, Apple X-ABShowAs:COMPANY). */
  isCompany: boolean;
  customerNumber: string | null;
  /** Customer, employee … when a list says so in a column. */
  kind: ContactKind | null;
  /** The language to write to them in, when the file says (vCard LANG, a "Sprache" column). */
  language: ContactLanguage | null;
}

export interface ParsedAddress {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  label: string | null;
}

/** A problem in a file, with the line it was found on (null when it concerns the whole file). */
export interface ImportIssue {
  line: number | null;
  /** Catalogue key below import.issues, and its values. */
  key: string;
  vars?: Record<string, string | number>;
}

export const emptyContact = (line: number): ParsedContact => ({
  line,
  formattedName: null,
  givenName: null,
  familyName: null,
  title: null,
  gender: null,
  organization: null,
  department: null,
  jobTitle: null,
  phones: [],
  emails: [],
  addresses: [],
  note: null,
  birthday: null,
  isCompany: false,
  customerNumber: null,
  kind: null,
  language: null,
});
