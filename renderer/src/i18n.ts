import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from '../../shared/i18n/de.json';
import type { Language } from '../../shared/model/settings';

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  // German only at the start: English is loaded when chosen, so the first download carries one catalogue (issue 20).
  resources: { de: { translation: de } },
  lng: 'de',
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
  returnNull: false,
});

const loaders: Record<Exclude<Language, 'de'>, () => Promise<{ default: object }>> = {
  en: () => import('../../shared/i18n/en.json'),
};

/** The language asked for last: a catalogue that arrives after another choice does not switch back. */
let wanted: Language = 'de';

/**
 * Switches the app's language, loading its catalogue first when it is not there yet. A catalogue
 * that cannot be loaded (the host stopped meanwhile) leaves the app in the language it is in.
 */
export async function applyLanguage(language: Language): Promise<void> {
  wanted = language;
  if (language !== 'de' && !i18n.hasResourceBundle(language, 'translation')) {
    try {
      i18n.addResourceBundle(language, 'translation', (await loaders[language]()).default);
    } catch (error) {
      console.error(`The ${language} catalogue could not be loaded`, error);
      return;
    }
  }
  if (wanted !== language) return;
  if (i18n.language !== language) await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
