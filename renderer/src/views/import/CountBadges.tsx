import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportCounts } from '../../../../shared/model/import';

export const countColors: Record<keyof ImportCounts, string> = {
  created: 'teal',
  updated: 'blue',
  unchanged: 'gray',
  duplicates: 'orange',
  invalid: 'red',
};

/**
 * "12 neu · 3 ergänzt · 1 mögliche Dublette …": only what occurs. In a WhatsApp chat the rows left out
 * are senders no contact matches, not broken rows: they are counted as "nicht zugeordnet".
 */
export function CountBadges({ counts, chat = false }: { counts: ImportCounts; chat?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" data-testid="import-counts">
      {(Object.keys(countColors) as (keyof ImportCounts)[])
        .filter((key) => counts[key] > 0)
        .map((key) => (
          <Badge key={key} color={countColors[key]} variant="light" size="lg" tt="none">
            {t(`import.counts.${chat && key === 'invalid' ? 'notMatched' : key}`, { count: counts[key] })}
          </Badge>
        ))}
    </Group>
  );
}
