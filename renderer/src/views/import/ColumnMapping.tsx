import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { columnTargets, type ColumnMappingStep, type ColumnTarget } from '../../../../shared/model/import';

export const targetLabelKey = (target: ColumnTarget) => `import.targets.${target.replace(':', '_')}`;

/** Which column holds what: recognised columns pre-set, unknown ones marked, the first rows as examples. */
export function ColumnMapping({
  columns,
  busy,
  onApply,
}: {
  columns: ColumnMappingStep;
  busy: boolean;
  onApply: (mapping: ColumnTarget[], remember: boolean) => void;
}) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<ColumnTarget[]>(columns.mapping);
  const [remember, setRemember] = useState(true);
  const options = columnTargets.map((value) => ({ value, label: t(targetLabelKey(value)) }));

  return (
    <Stack gap="sm">
      <Table withTableBorder striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.mapping.column')}</Table.Th>
            <Table.Th>{t('import.mapping.sample')}</Table.Th>
            <Table.Th w={260}>{t('import.mapping.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.headers.map((header, index) => (
            <Table.Tr key={`${index}-${header}`}>
              <Table.Td>
                <Group gap="xs">
                  <Text fw={500}>{header}</Text>
                  {columns.unknownColumns.includes(index) && (
                    <Badge color="orange" variant="light" size="sm" tt="none">
                      {t('import.mapping.unknown')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {columns.sampleRows
                    .map((row) => row[index] ?? '')
                    .filter((value) => value.trim() !== '')
                    .slice(0, 3)
                    .join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={`${t('import.mapping.target')}: ${header}`}
                  data={options}
                  value={mapping[index]}
                  onChange={(event) =>
                    setMapping(mapping.map((target, i) => (i === index ? (event.currentTarget.value as ColumnTarget) : target)))
                  }
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Checkbox checked={remember} onChange={(event) => setRemember(event.currentTarget.checked)} label={t('import.mapping.remember')} />
        <Button onClick={() => onApply(mapping, remember)} loading={busy}>
          {t('import.mapping.apply')}
        </Button>
      </Group>
    </Stack>
  );
}
