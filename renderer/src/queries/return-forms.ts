import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request, useRequestMutation } from './client';
import { contactsChanged, keys } from './keys';

/**
 * A returned form taken over: the contact's consent or refusal with the page as proof. It changes the
 * contact's way, so everything about contacts, the letters and the overview is read again. The review
 * shows a refusal beside its page.
 */
export const useRecordReturnForm = () => useRequestMutation('scans.record', { invalidates: contactsChanged, failure: 'inline' });

/** Contacts by name, company or number, to match a page without a readable code by hand. */
export function useContactSearch(search: string) {
  const text = search.trim();
  return useQuery({
    queryKey: keys.contactSearch(text),
    queryFn: () => request('contacts.list', { search: text, offset: 0, limit: 8 }),
    enabled: text.length >= 2,
    placeholderData: keepPreviousData,
  });
}
