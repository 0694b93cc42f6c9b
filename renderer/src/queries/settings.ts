import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings, SettingsPatch } from '../../../shared/model/settings';
import { applyLanguage } from '../i18n';
import { request } from './client';
import { keys } from './keys';

/**
 * The settings every view shares. The language is applied as they arrive, before any view renders
 * with them. App keeps this query observed, so it is read once at the start and kept.
 */
export function useSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: async () => {
      const settings = await request('settings.get', {});
      await applyLanguage(settings.language);
      return settings;
    },
  });
}

/** Saves settings (the form shows its own error); every other answer may change with them (their language, the reminder days). */
export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => request('settings.update', patch),
    onSuccess: async (settings: Settings) => {
      queryClient.setQueryData(keys.settings, settings);
      await applyLanguage(settings.language);
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.settings[0] });
    },
    meta: { failure: 'inline' },
  });
}

export function useAppInfo() {
  return useQuery({ queryKey: keys.appInfo, queryFn: () => request('app.info', {}) });
}
