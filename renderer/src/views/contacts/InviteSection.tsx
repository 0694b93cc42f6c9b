import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageChange } from '../../../../shared/model/tracking';
import { useRequest } from '../../hooks/useRequest';
import { InvitationActions, type OpenedChannel } from '../../components/InvitationActions';
import { InvitationTone } from '../../components/InvitationTone';
import { todayIso } from '../../format';

/**
 * The personal invitation, ready to send in one tap: WhatsApp from the business phone (wa.me with the
 * text filled in), a text message, e-mail, or copied; then one click records the invitation with its channel and date.
 */
export function InviteSection({ contactId, canMarkInvited, onStage }: { contactId: number; canMarkInvited: boolean; onStage: (change: StageChange) => void }) {
  const { t } = useTranslation();
  const invitation = useRequest('invitations.forContact', { id: contactId }, String(contactId));
  const [opened, setOpened] = useState<OpenedChannel | null>(null);
  if (!invitation.data) return null;
  const { text, language, formal } = invitation.data;

  return (
    <Paper withBorder p="sm" data-testid="invite">
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t('invite.title')}
        </Title>
        <InvitationTone language={language} formal={formal} />
        <Textarea value={text} readOnly autosize minRows={3} aria-label={t('invite.text')} />
        <InvitationActions invitation={invitation.data} size="xs" showMessengerLink onOpened={setOpened} />
        {opened && canMarkInvited && (
          <Group gap="xs">
            <Text size="sm">{t('invite.sentQuestion')}</Text>
            <Button size="xs" onClick={() => onStage({ stage: 'invited', channel: opened, date: todayIso() })}>
              {t(`invite.markInvited.${opened}`)}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
