import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { request, useRequestMutation } from './client';
import { contactsChanged, keys } from './keys';

/** The letters for a selection; the last preview stays while another form or choice is read. */
export function useLetterPreview(input: RequestInput<'letters.preview'>) {
  return useQuery({
    queryKey: keys.letterPreview(input),
    queryFn: () => request('letters.preview', input),
    placeholderData: keepPreviousData,
  });
}

// Both mark the contacts a letter went to; the view shows their errors, with a retry where it helps.
export const useLettersDelivered = () => useRequestMutation('letters.delivered', { invalidates: contactsChanged, failure: 'inline' });
export const usePrintLetters = () => useRequestMutation('letters.printDialog', { invalidates: contactsChanged, failure: 'inline' });
