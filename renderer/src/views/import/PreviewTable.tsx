import { Badge, Group, Loader, Pagination, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportAction, ImportDecision, ImportFileSummary, PreviewRow } from '../../../../shared/model/import';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useImportRows } from '../../queries/imports';
import { DecideForAll, RowDecision } from './RowDecision';

const PAGE_SIZE = 50;
const actionColors: Record<ImportAction, string> = {
  create: 'teal',
  update: 'blue',
  unchanged: 'gray',
  duplicate: 'orange',
  invalid: 'red',
};
const actionCount = { create: 'created', update: 'updated', unchanged: 'unchanged', duplicate: 'duplicates', invalid: 'invalid' } as const;

function Numbers({ row }: { row: PreviewRow }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      {row.phones.map((phone) => (
        <Group key={phone.raw} gap={4} wrap="nowrap">
          <Text size="sm">{phone.shown}</Text>
          {!phone.e164 && (
            <Badge color="red" variant="outline" size="xs" tt="none">
              {t('import.preview.invalidNumber')}
            </Badge>
          )}
        </Group>
      ))}
    </Stack>
  );
}

interface Props {
  jobId: string;
  file: ImportFileSummary;
  /** The office decides rows: those named, or all of an action (all rows when `action` is left out). */
  onDecide: (decision: ImportDecision | null, which: { rows?: number[]; action?: ImportAction }) => void;
}

/** What each row of a file will do, filterable by action, a page at a time; matches and duplicates are decided here. */
export function PreviewTable({ jobId, file, onDecide }: Props) {
  const { t } = useTranslation();
  // A chat's rows left out are senders no contact matches: "nicht zugeordnet", not "ungültig".
  const actionLabel = (a: ImportAction) => t(`import.actions.${file.format === 'whatsapp' && a === 'invalid' ? 'notMatched' : a}`);
  const [action, setAction] = useState<ImportAction | 'all'>('all');
  const [page, setPage] = useState(1);
  const input = { jobId, index: file.index, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, ...(action === 'all' ? {} : { action }) };
  const rows = useImportRows(input);
  const filters = [
    { value: 'all', label: t('import.actions.all') },
    ...(Object.keys(actionCount) as ImportAction[])
      .filter((a) => file.actions[actionCount[a]] > 0)
      .map((a) => ({ value: a, label: `${actionLabel(a)} (${file.actions[actionCount[a]]})` })),
  ];
  const decidable = file.actions.updated + file.actions.unchanged + file.actions.duplicates > 0;
  const pages = rows.data ? Math.max(1, Math.ceil(rows.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="sm">
      {filters.length > 2 && (
        <SegmentedControl
          data={filters}
          value={action}
          onChange={(value) => {
            setAction(value as ImportAction | 'all');
            setPage(1);
          }}
        />
      )}
      {decidable && (
        <DecideForAll
          action={action}
          chat={file.format === 'whatsapp'}
          onDecide={(decision) => onDecide(decision, action === 'all' ? {} : { action })}
        />
      )}
      {rows.error && <ErrorNotice message={rows.error.message} onRetry={() => void rows.refetch()} />}
      {!rows.data && !rows.error && <Loader size="sm" aria-label={t('app.loading')} />}
      {rows.data && rows.data.total === 0 && <Text c="dimmed">{t('import.preview.empty')}</Text>}
      {rows.data && rows.data.total > 0 && (
        <Table striped verticalSpacing="xs" data-testid={`import-preview-${file.index}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('import.preview.line')}</Table.Th>
              <Table.Th>{t('import.preview.name')}</Table.Th>
              <Table.Th>{t('import.preview.numbers')}</Table.Th>
              <Table.Th>{t('import.preview.emails')}</Table.Th>
              <Table.Th>{t('import.preview.what')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data.rows.map((row, index) => (
              <Table.Tr key={`${row.line}-${index}`}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {row.displayName}
                  </Text>
                  {row.organization && row.organization !== row.displayName && (
                    <Text size="xs" c="dimmed">
                      {row.organization}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Numbers row={row} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {row.emails.map((email) => (
                      <Group key={email.address} gap={4} wrap="nowrap">
                        <Text size="sm">{email.address}</Text>
                        {!email.valid && (
                          <Badge color="red" variant="outline" size="xs" tt="none">
                            {t('import.preview.invalidEmail')}
                          </Badge>
                        )}
                      </Group>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Badge color={actionColors[row.action]} variant="light" tt="none">
                    {actionLabel(row.action)}
                  </Badge>
                  {row.reason && (
                    <Text size="xs" c="dimmed">
                      {row.reason}
                    </Text>
                  )}
                  {row.existingName && row.action !== 'invalid' && (
                    <Text size="xs" c="dimmed">
                      {t('import.preview.existing')}: {row.existingName}
                    </Text>
                  )}
                  <RowDecision
                    row={row}
                    chat={file.format === 'whatsapp'}
                    onDecide={(decision) => onDecide(decision, { rows: [row.row] })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
    </Stack>
  );
}
