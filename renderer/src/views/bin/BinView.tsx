import { Button, Group, Loader, Modal, Paper, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconTrash, IconTrashX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BinContact } from '../../../../shared/contract/contacts';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../format';
import { toldAlready } from '../../queries/client';
import { useBin, useEraseFromBin, useRestoreContact } from '../../queries/contacts';

/**
 * The Papierkorb: contacts deleted in the list, each with the day it was deleted and the day from
 * which it is erased for good; Wiederherstellen brings it back, Endgültig löschen erases it now.
 */
export function BinView({ onContacts }: { onContacts: () => void }) {
  const { t, i18n } = useTranslation();
  const bin = useBin();
  const restore = useRestoreContact();
  const erase = useEraseFromBin();
  const [erasing, setErasing] = useState<BinContact | null>(null);

  if (bin.error) return <ErrorNotice message={bin.error.message} onRetry={() => void bin.refetch()} />;
  if (!bin.data) return <Loader aria-label={t('app.loading')} />;
  const { total, keptDays, contacts } = bin.data;

  const onRestore = (contact: BinContact) =>
    void restore
      .mutateAsync({ id: contact.id })
      .then(() => notifications.show({ color: 'teal', message: t('bin.restored', { name: contact.displayName }) }), toldAlready);
  const onErase = (contact: BinContact) =>
    void erase
      .mutateAsync({ id: contact.id })
      .then(() => notifications.show({ color: 'teal', message: t('bin.erased', { name: contact.displayName }) }), toldAlready)
      .finally(() => setErasing(null));

  return (
    <Stack gap="sm">
      <Title order={2}>{t('bin.title')}</Title>
      {total === 0 ? (
        <Paper withBorder p="xl" maw={620} mx="auto" mt="xl" data-testid="bin-empty">
          <Stack align="center" gap="md" ta="center">
            <ThemeIcon size={56} radius="xl" variant="light">
              <IconTrash size={30} aria-hidden />
            </ThemeIcon>
            <Title order={3}>{t('bin.emptyTitle')}</Title>
            <Text c="dimmed">{t('bin.emptyText', { days: keptDays })}</Text>
            <Button variant="default" onClick={onContacts}>
              {t('bin.toContacts')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <>
          <Text c="dimmed">{t('bin.intro', { days: keptDays })}</Text>
          {total > contacts.length && (
            <Text size="sm" c="dimmed">
              {t('bin.more', { shown: contacts.length, total })}
            </Text>
          )}
          <Table striped highlightOnHover aria-label={t('bin.tableLabel')} data-testid="bin-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bin.columns.name')}</Table.Th>
                <Table.Th>{t('bin.columns.deletedAt')}</Table.Th>
                <Table.Th>{t('bin.columns.purgeOn')}</Table.Th>
                <Table.Th>{t('bin.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>
                    <Text fw={600}>{contact.displayName}</Text>
                    {contact.organization && (
                      <Text size="sm" c="dimmed">
                        {contact.organization}
                      </Text>
                    )}
                    {contact.mergedInto && (
                      <Text size="sm" c="dimmed">
                        {t('bin.mergedInto', { name: contact.mergedInto })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(contact.deletedAt, i18n.language)}</Table.Td>
                  <Table.Td>{formatDate(contact.purgeOn, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconArrowBackUp size={16} aria-hidden />}
                        onClick={() => onRestore(contact)}
                        disabled={restore.isPending}
                        aria-label={`${t('bin.restore')}: ${contact.displayName}`}
                      >
                        {t('bin.restore')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        leftSection={<IconTrashX size={16} aria-hidden />}
                        onClick={() => setErasing(contact)}
                        aria-label={`${t('bin.erase')}: ${contact.displayName}`}
                      >
                        {t('bin.erase')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Modal opened={erasing !== null} onClose={() => setErasing(null)} title={t('bin.confirmEraseTitle')} centered>
        <Text size="sm">{erasing && t('bin.confirmErase', { name: erasing.displayName })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setErasing(null)}>
            {t('detail.cancel')}
          </Button>
          <Button color="red" onClick={() => erasing && onErase(erasing)} loading={erase.isPending}>
            {t('bin.confirmEraseYes')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
