import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Settings, SettingsPatch } from '../../shared/model/settings';
import type { Result } from '../../shared/result';
import { send } from './api';
import { applyLanguage } from './i18n';

interface SettingsState {
  settings: Settings | undefined;
  loadError: string | undefined;
  save: (patch: SettingsPatch) => Promise<Result<Settings>>;
}

const SettingsContext = createContext<SettingsState | null>(null);

/** Loads the settings once, applies the language, and shares them with every view. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    void send('settings.get', {}).then((result) => {
      if (result.ok) {
        applyLanguage(result.value.language);
        setSettings(result.value);
      } else {
        setLoadError(result.error.message);
      }
    });
  }, []);

  const save = useCallback(async (patch: SettingsPatch) => {
    const result = await send('settings.update', patch);
    if (result.ok) {
      applyLanguage(result.value.language);
      setSettings(result.value);
    }
    return result;
  }, []);

  return <SettingsContext.Provider value={{ settings, loadError, save }}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('useSettings outside SettingsProvider');
  return state;
}
