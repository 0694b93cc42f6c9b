import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { de: { translation: catalogues.de }, en: { translation: catalogues.en } },
  lng: 'de',
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
