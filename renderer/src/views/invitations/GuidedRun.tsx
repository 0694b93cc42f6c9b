import { Button, Group, Paper, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerSkipForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { send } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { InvitationActions, type OpenedChannel } from '../../components/InvitationActions';
import { InvitationTone } from '../../components/InvitationTone';
import { todayIso } from '../../format';


/**
 * The selection one contact at a time: open WhatsApp (or e-mail) with the text ready, come back, record
 * the invitation with its channel and date, next. Nothing is recorded for a skipped contact.
 */
export function GuidedRun({ ids, onDone }: { ids: number[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [position, setPosition] = useState(0);
  const [opened, setOpened] = useState<OpenedChannel | null>(null);
  const [invited, setInvited] = useState(0);
  const id = ids[position];
  const detail = useRequest('contacts.get', { id: id ?? 1 }, String(id));
  const invitation = useRequest('invitations.forContact', { id: id ?? 1 }, String(id));

  if (id === undefined) {
    return (
      <Paper withBorder p="lg">
        <Stack>
          <Text>{t('invitations.runFinished', { count: invited })}</Text>
          <Button onClick={onDone} w="fit-content">
            {t('invitations.runClose')}
          </Button>
        </Stack>
      </Paper>
    );
  }
  const next = () => {
    setOpened(null);
    setPosition(position + 1);
  };
  const markAndNext = async () => {
    const result = await send('contacts.setStage', { id, change: { stage: 'invited', channel: opened ?? 'whatsapp', date: todayIso() } });
    if (!result.ok) return notifications.show({ color: 'red', title: t('errors.title'), message: result.error.message });
    setInvited(invited + 1);
    next();
  };
  const canInvite = detail.data?.nextStages.includes('invited') ?? false;

  return (
    <Paper withBorder p="lg" data-testid="guided-run">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4">
            {detail.data?.contact.displayName ?? '…'}
          </Title>
          <Text size="sm" c="dimmed">
            {t('invitations.runPosition', { position: position + 1, total: ids.length })}
          </Text>
        </Group>
        <Progress value={(100 * position) / ids.length} aria-label={t('invitations.runPosition', { position: position + 1, total: ids.length })} />
        {invitation.data && <InvitationTone language={invitation.data.language} formal={invitation.data.formal} />}
        {invitation.data && <Textarea value={invitation.data.text} readOnly autosize minRows={4} aria-label={t('invite.text')} />}
        {invitation.data && <InvitationActions invitation={invitation.data} onOpened={setOpened} />}
        <Group>
          <Button onClick={() => void markAndNext()} disabled={!canInvite}>
            {t('invitations.markAndNext')}
          </Button>
          <Button variant="default" leftSection={<IconPlayerSkipForward size={16} aria-hidden />} onClick={next}>
            {t('invitations.skip')}
          </Button>
          {!canInvite && detail.data && (
            <Text size="sm" c="dimmed">
              {t('invitations.cannotInvite')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
