import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { i18n } from '../i18n';
import { request, useRequestMutation } from './client';
import { contactsChanged, keys } from './keys';

export function useImportHistory() {
  return useQuery({ queryKey: keys.imports.history, queryFn: () => request('import.history', {}) });
}

/** One page of a file's preview rows; the last page stays while the next is read. */
export function useImportRows(input: RequestInput<'import.rows'>) {
  return useQuery({
    queryKey: keys.imports.rowsPage(input),
    queryFn: () => request('import.rows', input),
    placeholderData: keepPreviousData,
  });
}

/** The office's decision for rows of a file: the preview's rows are read again (one import runs at a time). */
export function useDecideImport() {
  return useRequestMutation('import.decide', {
    invalidates: [keys.imports.rows],
    failure: (message) => i18n.t('import.decisions.failed', { message }),
  });
}

/** The import's screen shows a failed commit in place of the preview. */
export const useCommitImport = () => useRequestMutation('import.commit', { invalidates: contactsChanged, failure: 'inline' });
export const useImportUndo = () => useRequestMutation('import.undo', { invalidates: contactsChanged });
