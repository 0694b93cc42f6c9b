import { useQuery } from '@tanstack/react-query';
import { request, useRequestMutation } from './client';
import { keys, textsChanged } from './keys';

export function useTemplates() {
  return useQuery({ queryKey: keys.templates, queryFn: () => request('templates.get', {}) });
}

export const useSaveTemplate = () => useRequestMutation('templates.save', { invalidates: [keys.templates, ...textsChanged] });
export const useResetTemplate = () => useRequestMutation('templates.reset', { invalidates: [keys.templates, ...textsChanged] });
