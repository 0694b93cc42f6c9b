import { useQuery } from '@tanstack/react-query';
import { request, useRequestMutation } from './client';
import { keys } from './keys';

export function useDashboard() {
  return useQuery({ queryKey: keys.dashboard, queryFn: () => request('dashboard.get', {}) });
}

/** The consented contacts as a vCard: a download that changes nothing. */
export const useExportConsented = () => useRequestMutation('export.consented', { invalidates: [] });

/** The contact list as an Excel or CSV file: a download that changes nothing. */
export const useExportContacts = () => useRequestMutation('export.contacts', { invalidates: [] });
