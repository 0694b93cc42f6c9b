import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportAction, ImportDecision, PreviewRow } from '../../../../shared/model/import';

/** What the office decides for one row: the choices the row offers, its default first. */
export function RowDecision({ row, onDecide }: { row: PreviewRow; onDecide: (decision: ImportDecision) => void }) {
  const { t } = useTranslation();
  if (row.choices.length < 2 || !row.decision) return null;
  return (
    <NativeSelect
      size="xs"
      mt={4}
      aria-label={t('import.decisions.label', { name: row.displayName })}
      value={row.decision}
      onChange={(event) => onDecide(event.currentTarget.value as ImportDecision)}
      data={row.choices.map((choice) => ({ value: choice, label: t(`import.decisions.${choice}`) }))}
      w={250}
    />
  );
}

/** Duplicates and matches decided for all rows of the view at once (of one action when filtered). */
export function DecideForAll({ action, onDecide }: { action: ImportAction | 'all'; onDecide: (decision: ImportDecision) => void }) {
  const { t } = useTranslation();
  // What "for all" offers: the decisions that matter for matched rows (a new contact has only create or skip).
  const offered: ImportDecision[] = action === 'create' || action === 'invalid' ? ['skip'] : action === 'all' ? ['merge', 'keepBoth'] : action === 'duplicate' ? ['review', 'merge', 'keepBoth', 'skip'] : ['merge', 'keepBoth', 'skip'];
  return (
    <Group gap="xs" data-testid="decide-all">
      <Text size="sm">{t('import.decisions.forAll')}</Text>
      {offered.map((decision) => (
        <Button key={decision} size="compact-sm" variant="default" onClick={() => onDecide(decision)}>
          {t(`import.decisions.${decision}`)}
        </Button>
      ))}
    </Group>
  );
}
