import { useQuery } from '@tanstack/react-query';
import { request, useRequestMutation } from './client';
import { keys } from './keys';

export function usePhones() {
  return useQuery({ queryKey: keys.phones, queryFn: () => request('phones.list', {}) });
}

// A phone's checklist is on the overview (items due) too.
const phonesChanged = [keys.phones, keys.dashboard];

/** The forms show their own errors. */
export const useAddPhone = () => useRequestMutation('phones.add', { invalidates: phonesChanged, failure: 'inline' });
export const useUpdatePhone = () => useRequestMutation('phones.update', { invalidates: phonesChanged, failure: 'inline' });
export const useRetirePhone = () => useRequestMutation('phones.retire', { invalidates: phonesChanged });
export const useTickChecklistItem = () => useRequestMutation('phones.tick', { invalidates: phonesChanged, failure: 'inline' });
/** The view shows the error beside the file it names. */
export const useCheckPhoneBook = () => useRequestMutation('phones.checkPhoneBook', { invalidates: phonesChanged, failure: 'inline' });
