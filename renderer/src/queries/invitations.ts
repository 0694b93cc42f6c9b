import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import type { Target } from '../../../shared/model/tracking';
import { request } from './client';
import { keys } from './keys';

/** A contact's invitation, to the target chosen for it (else its own or the suggested one); the last stays while the next is read. */
export function useInvitation(id: number | undefined, target: Target | null) {
  return useQuery({
    queryKey: keys.invitation(id ?? 0, target),
    queryFn: id === undefined ? skipToken : () => request('invitations.forContact', target ? { id, target } : { id }),
    placeholderData: keepPreviousData,
  });
}
