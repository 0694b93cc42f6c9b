import { useQuery } from '@tanstack/react-query';
import { request, useRequestMutation } from './client';
import { keys, textsChanged } from './keys';

export function useProfile() {
  return useQuery({ queryKey: keys.profile, queryFn: () => request('profile.get', {}) });
}

/** The form shows its own error. */
export const useSaveProfile = () =>
  useRequestMutation('profile.update', { invalidates: [keys.profile, ...textsChanged], failure: 'inline' });
