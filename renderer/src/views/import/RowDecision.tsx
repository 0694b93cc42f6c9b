import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportAction, ImportDecision, PreviewRow } from '../../../../shared/model/import';

/** A decision's words; for a chat, "merge" marks the contact as on WhatsApp. */
const labelKey = (decision: ImportDecision, chat: boolean) =>
  chat && decision === 'merge' ? 'import.decisions.mark' : `import.decisions.${decision}`;

/** What the office decides for one row: the choices the row offers, its default first. */
export function RowDecision({ row, chat, onDecide }: { row: PreviewRow; chat: boolean; onDecide: (decision: ImportDecision) => void }) {
  const { t } = useTranslation();
  if (row.choices.length < 2 || !row.decision) return null;
  return (
    <NativeSelect
      size="xs"
      mt={4}
      aria-label={t('import.decisions.label', { name: row.displayName })}
      value={row.decision}
      onChange={(event) => onDecide(event.currentTarget.value as ImportDecision)}
      data={row.choices.map((choice) => ({ value: choice, label: t(labelKey(choice, chat)) }))}
      w={250}
    />
  );
}

/**
 * One decision for all rows of the view (of one action when filtered), or back to the defaults.
 * "Merge" for all never merges possible duplicates unless they are the rows shown (see decide()).
 */
export function DecideForAll({
  action,
  chat,
  onDecide,
}: {
  action: ImportAction | 'all';
  chat: boolean;
  onDecide: (decision: ImportDecision | null) => void;
}) {
  const { t } = useTranslation();
  const offered: ImportDecision[] =
    action === 'create' || action === 'invalid'
      ? ['skip']
      : action === 'all'
        ? ['merge', 'keepBoth']
        : action === 'duplicate'
          ? ['review', 'merge', 'keepBoth', 'skip']
          : ['merge', 'keepBoth', 'skip'];
  return (
    <Group gap="xs" data-testid="decide-all">
      <Text size="sm">{t('import.decisions.forAll')}</Text>
      {offered.map((decision) => (
        <Button key={decision} size="compact-sm" variant="default" onClick={() => onDecide(decision)}>
          {t(labelKey(decision, chat))}
        </Button>
      ))}
      <Button size="compact-sm" variant="subtle" onClick={() => onDecide(null)}>
        {t('import.decisions.reset')}
      </Button>
    </Group>
  );
}
