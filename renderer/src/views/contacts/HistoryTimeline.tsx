import { List, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryEntryView } from '../../../../shared/model/tracking';
import { formatDateTime } from '../../format';

/**
 * Every change of the contact, newest first: what the office can show an authority. The entries come
 * in words already (labels, days as 04.12.2026, no empty changes); the time is the office's local time.
 */
export function HistoryTimeline({ entries }: { entries: HistoryEntryView[] }) {
  const { t, i18n } = useTranslation();
  const empty = t('tracking.empty');
  if (entries.length === 0) return <Text c="dimmed">{t('detail.history.empty')}</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="history">
      {entries.map((entry, index) => (
        <Timeline.Item key={`${entry.at}-${index}`} title={entry.text}>
          <Text size="xs" c="dimmed" data-testid="history-time">
            {formatDateTime(entry.at, i18n.language)}
          </Text>
          {entry.changes.length > 0 && (
            <List size="xs" mt={4}>
              {entry.changes.map((change) => (
                <List.Item key={change.field}>
                  {change.field}: {change.before ?? empty} → {change.after ?? empty}
                </List.Item>
              ))}
            </List>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
