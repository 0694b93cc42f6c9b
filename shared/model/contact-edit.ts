import type { Contact } from './contact';
import type { ContactEdit } from './contact-edit-schema';

// The form's values apart from the schema (contact-edit-schema.ts): the renderer's first download carries no zod (issue 20).
export type { ContactEdit } from './contact-edit-schema';

/** The form of "Neuer Kontakt": every field empty, a contact of no particular kind. */
export const emptyContactEdit: ContactEdit = {
  givenName: null,
  familyName: null,
  title: null,
  gender: null,
  organization: null,
  department: null,
  jobTitle: null,
  isCompany: false,
  customerNumber: null,
  birthday: null,
  note: null,
  kind: 'other',
  language: 'de',
  formal: null,
  phones: [],
  emails: [],
  addresses: [],
  tags: [],
  messengerId: null,
};

/** The form's values for a contact as it is stored (what "Zurücksetzen" returns to). */
export const contactEditOf = (contact: Contact): ContactEdit => ({
  givenName: contact.givenName,
  familyName: contact.familyName,
  title: contact.title,
  gender: contact.gender,
  organization: contact.organization,
  department: contact.department,
  jobTitle: contact.jobTitle,
  isCompany: contact.isCompany,
  minor: contact.minor,
  customerNumber: contact.customerNumber,
  birthday: contact.birthday,
  note: contact.note,
  kind: contact.kind,
  language: contact.language,
  formal: contact.formal,
  phones: contact.phones.map((p) => ({ raw: p.raw, label: p.label })),
  emails: contact.emails.map((e) => ({ address: e.address, label: e.label })),
  addresses: contact.addresses,
  tags: contact.tags,
  messengerId: contact.messengerId,
});
