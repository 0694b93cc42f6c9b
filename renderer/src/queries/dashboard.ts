import { useQuery } from '@tanstack/react-query';
import { request, useRequestMutation } from './client';
import { keys } from './keys';

export function useDashboard() {
  return useQuery({ queryKey: keys.dashboard, queryFn: () => request('dashboard.get', {}) });
}

/** The consented contacts as a vCard: a download that changes nothing. */
export const useExportConsented = () => useRequestMutation('export.consented', { invalidates: [] });
