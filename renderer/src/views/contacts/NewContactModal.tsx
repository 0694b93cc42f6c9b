import { Alert, Box, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LikelyDuplicate } from '../../../../shared/contract/contacts';
import type { ContactEdit } from '../../../../shared/model/contact-edit';
import { useContactTags, useCreateContact } from '../../queries/contacts';
import { useConfirmLeave } from '../../unsaved-changes';
import { ContactForm } from './ContactForm';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Opens a contact's detail: the one just created, or the existing one the office chose instead. */
  onOpen: (id: number) => void;
}

/** "Neuer Kontakt": the contact form, empty; a likely duplicate is shown before anything is created. */
export function NewContactModal({ opened, onClose, onOpen }: Props) {
  const { t } = useTranslation();
  const confirmLeave = useConfirmLeave();
  return (
    <Modal
      opened={opened}
      onClose={() => confirmLeave(onClose)}
      title={t('newContact.title')}
      size={760}
      closeButtonProps={{ 'aria-label': t('detail.close') }}
    >
      {opened && <NewContact onOpen={onOpen} />}
    </Modal>
  );
}

function NewContact({ onOpen }: Pick<Props, 'onOpen'>) {
  const { t } = useTranslation();
  const tags = useContactTags();
  const create = useCreateContact();
  const [error, setError] = useState<string>();
  // The matches found on saving, with the form's values to create anyway; the form stays as typed meanwhile.
  const [matches, setMatches] = useState<{ edit: ContactEdit; duplicates: LikelyDuplicate[] } | null>(null);

  const save = (edit: ContactEdit, evenIfDuplicate = false) =>
    create.mutateAsync({ edit, evenIfDuplicate }).then(
      ({ contact, duplicates }) => {
        setError(undefined);
        if (!contact) {
          setMatches({ edit, duplicates });
          return;
        }
        const message = duplicates.length ? 'newContact.createdWithDuplicates' : 'newContact.created';
        notifications.show({ color: 'teal', message: t(message, { name: contact.displayName }) });
        onOpen(contact.id);
      },
      (failure: Error) => {
        setMatches(null);
        setError(failure.message);
      },
    );

  return (
    <>
      <Box display={matches ? 'none' : undefined}>
        <ContactForm allTags={tags.data ?? []} busy={create.isPending} error={error} onSave={(edit) => void save(edit)} />
      </Box>
      {matches && (
        <Stack gap="sm" data-testid="new-contact-duplicates">
          <Alert color="orange" title={t('newContact.duplicatesTitle')}>
            {t('newContact.duplicatesText')}
          </Alert>
          {matches.duplicates.map((duplicate) => (
            <Paper key={duplicate.id} withBorder p="sm">
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text fw={600}>{duplicate.displayName}</Text>
                  <Text size="sm" c="dimmed">
                    {[t(`newContact.reasons.${duplicate.reason}`), duplicate.organization, duplicate.phone, duplicate.email]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Stack>
                <Button
                  variant="light"
                  onClick={() => onOpen(duplicate.id)}
                  aria-label={`${t('newContact.open')}: ${duplicate.displayName}`}
                >
                  {t('newContact.open')}
                </Button>
              </Group>
            </Paper>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMatches(null)}>
              {t('newContact.back')}
            </Button>
            <Button onClick={() => void save(matches.edit, true)} loading={create.isPending}>
              {t('newContact.saveAnyway')}
            </Button>
          </Group>
        </Stack>
      )}
    </>
  );
}
