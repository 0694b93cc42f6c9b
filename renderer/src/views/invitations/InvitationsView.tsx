import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconMail, IconPlayerPlay, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { send } from '../../api';
import { useSelectionHandoff } from '../../selection-handoff';
import { GuidedRun } from './GuidedRun';
import { TemplateEditor } from './TemplateEditor';
import { notifyFailure } from '../../queries/client';
import { useContactCount } from '../../queries/contacts';

/** Einladungen: the texts, and the guided run through the contacts chosen in the contact list. */
export function InvitationsView({
  onContacts,
  onLetters,
  onImport,
}: {
  onContacts: () => void;
  onLetters: () => void;
  onImport: () => void;
}) {
  const { t } = useTranslation();
  const handoff = useSelectionHandoff();
  // With no contacts at all, choosing them in the list is not the next step: importing them is.
  const noContacts = useContactCount().data === 0;
  const [queue, setQueue] = useState<number[] | null>(null);
  const start = async () => {
    if (!handoff.selection) return;
    const result = await send('invitations.queue', { selection: handoff.selection.selection });
    if (result.ok) setQueue(result.value.ids);
    else notifyFailure(result.error.message);
  };
  return (
    <Stack maw={900}>
      <Title order={2}>{t('invitations.title')}</Title>
      {queue ? (
        <GuidedRun ids={queue} onDone={() => setQueue(null)} />
      ) : (
        <Paper withBorder p="lg">
          {handoff.selection ? (
            <Group justify="space-between">
              <Text>{t('invitations.selected', { count: handoff.selection.count })}</Text>
              <Group>
                <Button leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => void start()}>
                  {t('invitations.startRun')}
                </Button>
                <Button variant="default" leftSection={<IconMail size={16} aria-hidden />} onClick={onLetters}>
                  {t('invitations.byLetter')}
                </Button>
                <Anchor component="button" onClick={handoff.clear} size="sm">
                  {t('letters.ui.otherRecipients')}
                </Anchor>
              </Group>
            </Group>
          ) : noContacts ? (
            <Group justify="space-between" data-testid="invitations-no-contacts">
              <Text>{t('invitations.noContacts')}</Text>
              <Button leftSection={<IconFileImport size={16} aria-hidden />} onClick={onImport}>
                {t('contacts.emptyAction')}
              </Button>
            </Group>
          ) : (
            <Group justify="space-between">
              <Text>{t('invitations.empty')}</Text>
              <Button variant="default" leftSection={<IconUsers size={16} aria-hidden />} onClick={onContacts}>
                {t('letters.ui.chooseContacts')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
      <TemplateEditor previewContactId={queue?.[0] ?? null} />
    </Stack>
  );
}
