import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, useRequestMutation } from './client';
import { keys } from './keys';

export function useBackups() {
  return useQuery({ queryKey: keys.backups, queryFn: () => request('backups.list', {}) });
}

/** "Jetzt sichern": the list shows the new backup (and none thinned out). */
export const useCreateBackup = () => useRequestMutation('backups.create', { invalidates: [keys.backups] });

/**
 * A restore replaces everything the app shows: on success the page is loaded afresh (restored.ts says
 * what happened once it is back), rather than invalidating every query one by one.
 */
export function useRestoreBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: string) => request('backups.restore', { file }),
    onSuccess: () => queryClient.clear(),
    meta: { failure: 'inline' },
  });
}
