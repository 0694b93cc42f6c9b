import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import type { ContactListInput, Selection } from '../../../shared/model/contact';
import type { Target } from '../../../shared/model/tracking';

/** A search or filter of the contact table, without its window (the pages are fetched as the table scrolls). */
export type ContactPagesQuery = Omit<ContactListInput, 'offset' | 'limit'>;

/**
 * Every query key of the renderer. The first part names the domain, so that a change invalidates a
 * whole domain by its prefix; the parts after it narrow it to one contact, one search, one page.
 */
export const keys = {
  appInfo: ['app', 'info'],
  settings: ['settings'],
  backups: ['backups'],
  phones: ['phones'],
  profile: ['profile'],
  templates: ['templates'],
  dashboard: ['dashboard'],
  contacts: ['contacts'],
  contactList: (query: ContactPagesQuery) => ['contacts', 'list', query],
  /** The first contacts by name, to preview a template with. */
  contactSample: ['contacts', 'sample'],
  /** Contacts found by a search, to match a returned form by hand ("Rückläufer einlesen"). */
  contactSearch: (search: string) => ['contacts', 'search', search],
  contact: (id: number) => ['contacts', 'contact', id],
  tags: ['contacts', 'tags'],
  /** The bin (Papierkorb): under `contacts`, so every delete, restore or import undo reads it again. */
  bin: ['contacts', 'bin', 'list'],
  binCount: ['contacts', 'bin', 'count'],
  /** How many contacts are in the list (the first steps): under `contacts`, so every import, delete or undo reads it again. */
  contactCount: ['contacts', 'count'],
  consentForm: (selection: Selection) => ['contacts', 'consentForm', selection],
  invitations: ['invitations'],
  invitation: (id: number, target: Target | null) => ['invitations', id, target],
  letters: ['letters'],
  letterPreview: (input: RequestInput<'letters.preview'>) => ['letters', 'preview', input],
  imports: {
    history: ['imports', 'history'],
    rows: ['imports', 'rows'],
    rowsPage: (input: RequestInput<'import.rows'>) => ['imports', 'rows', input],
  },
} as const;

/*
 * What a change alters, by what the reads are made of. Every read about contacts (the table, a
 * contact, the tags, the consent form) lies under `contacts`; the invitation texts and the letters
 * are written from contacts, and an import can no longer be undone once a contact it wrote changed.
 */

/** A contact's own fields (name, numbers, tags, language): not its stage, so not the overview. */
export const contactFieldsChanged: readonly QueryKey[] = [keys.contacts, keys.invitations, keys.letters, keys.imports.history];
/**
 * A contact's way (stage, target, consent), or contacts added, merged, deleted or restored: the overview
 * too, and the backups (an import and a delete of several back up first).
 */
export const contactsChanged: readonly QueryKey[] = [...contactFieldsChanged, keys.dashboard, keys.backups];
/** The business's details and the invitation texts: what the letters and invitations say. */
export const textsChanged: readonly QueryKey[] = [keys.invitations, keys.letters];

/**
 * Marks the reads stale; those a view shows are read again in the background (the rest is not kept,
 * see client.ts). Not awaited by the mutations: a button is free again as soon as the change is
 * stored, and the views follow when the answers are there.
 */
export function invalidate(queryClient: QueryClient, changed: readonly QueryKey[]): void {
  for (const queryKey of changed) void queryClient.invalidateQueries({ queryKey });
}
