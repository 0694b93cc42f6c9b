import { Alert, Anchor, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useRequest } from '../../hooks/useRequest';
import { ContactsEmptyState } from './ContactsEmptyState';

const PAGE_SIZE = 200;

interface Props {
  /** Only the contacts of this import ("show the imported contacts"). */
  importId?: number;
  onImport: () => void;
  onClearFilter: () => void;
}

function ImportFilter({ importId, onClear }: { importId: number; onClear: () => void }) {
  const { t } = useTranslation();
  const history = useRequest('import.history', {});
  const file = history.data?.find((record) => record.id === importId)?.file ?? '…';
  return (
    <Alert color="blue" variant="light">
      <Group justify="space-between">
        <Text size="sm">{t('contacts.filteredByImport', { file })}</Text>
        <Anchor component="button" size="sm" onClick={onClear}>
          {t('contacts.clearFilter')}
        </Anchor>
      </Group>
    </Alert>
  );
}

export function ContactsView({ importId, onImport, onClearFilter }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 150);
  const input = { offset: 0, limit: PAGE_SIZE, search: debouncedSearch, ...(importId ? { importId } : {}) };
  const page = useRequest('contacts.list', input, JSON.stringify(input));

  if (page.error) return <ErrorNotice message={page.error.message} onRetry={page.reload} />;
  if (!page.data) return <Loader aria-label={t('app.loading')} />;
  if (page.data.total === 0 && debouncedSearch === '' && !importId) return <ContactsEmptyState onImport={onImport} />;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('contacts.title')}</Title>
        <Text c="dimmed">{t('contacts.count', { count: page.data.total })}</Text>
      </Group>
      {importId && <ImportFilter importId={importId} onClear={onClearFilter} />}
      <TextInput
        type="search"
        role="searchbox"
        aria-label={t('contacts.searchLabel')}
        placeholder={t('contacts.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={420}
      />
      {page.data.total === 0 ? (
        <Text c="dimmed">{t('contacts.noMatches', { search: debouncedSearch })}</Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contacts.columns.name')}</Table.Th>
              <Table.Th>{t('contacts.columns.organization')}</Table.Th>
              <Table.Th>{t('contacts.columns.phone')}</Table.Th>
              <Table.Th>{t('contacts.columns.kind')}</Table.Th>
              <Table.Th>{t('contacts.columns.whatsapp')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.data.rows.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td>{contact.displayName}</Table.Td>
                <Table.Td>{contact.organization}</Table.Td>
                <Table.Td>{contact.mobile}</Table.Td>
                <Table.Td>{t(`contacts.kinds.${contact.kind}`)}</Table.Td>
                <Table.Td>{contact.whatsappLastMessageAt ? t('contacts.whatsappSince', { date: contact.whatsappLastMessageAt.slice(0, 10) }) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
