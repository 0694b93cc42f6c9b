import { useTranslation } from 'react-i18next';
import { confidenceOf } from './page-status';

/**
 * A proposal's confidence (0 … 1) in words an office understands, with the percentage as the language
 * writes it: "sicher erkannt (100 %)", "unsicher (45 %)". For the page list and the page.
 */
export function useConfidenceWords(): (confidence: number) => string {
  const { t, i18n } = useTranslation();
  return (confidence) => {
    const { level, percent } = confidenceOf(confidence);
    return t(`returnFormsView.confidence.${level}`, { percent: (percent / 100).toLocaleString(i18n.language, { style: 'percent' }) });
  };
}
