import { Anchor, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconCopy, IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageChange } from '../../../../shared/model/tracking';
import { useRequest } from '../../hooks/useRequest';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The personal invitation, ready to send in one tap: WhatsApp from the business phone (wa.me with the
 * text filled in), e-mail, or copied; then one click records the invitation with its channel and date.
 */
export function InviteSection({ contactId, canMarkInvited, onStage }: { contactId: number; canMarkInvited: boolean; onStage: (change: StageChange) => void }) {
  const { t } = useTranslation();
  const invitation = useRequest('invitations.forContact', { id: contactId }, String(contactId));
  const [opened, setOpened] = useState<'whatsapp' | 'email' | null>(null);
  if (!invitation.data) return null;
  const { text, links } = invitation.data;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      notifications.show({ color: 'teal', message: t('invite.copied') });
    } catch {
      notifications.show({ color: 'red', message: t('invite.copyFailed') });
    }
  };

  return (
    <Paper withBorder p="sm" data-testid="invite">
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t('invite.title')}
        </Title>
        <Textarea value={text} readOnly autosize minRows={3} aria-label={t('invite.text')} />
        <Group gap="xs">
          {links.whatsapp && (
            <Button component="a" href={links.whatsapp} target="_blank" rel="noreferrer" size="xs" color="green" leftSection={<IconBrandWhatsapp size={16} aria-hidden />} onClick={() => setOpened('whatsapp')}>
              {t('invite.whatsapp')}
            </Button>
          )}
          {links.mailto && (
            <Button component="a" href={links.mailto} size="xs" variant="default" leftSection={<IconMail size={16} aria-hidden />} onClick={() => setOpened('email')}>
              {t('invite.email')}
            </Button>
          )}
          <Button size="xs" variant="subtle" leftSection={<IconCopy size={16} aria-hidden />} onClick={() => void copy()}>
            {t('invite.copy')}
          </Button>
          {links.messenger && (
            <Anchor href={links.messenger} target="_blank" rel="noreferrer" size="xs">
              {t('invite.messengerLink')}
            </Anchor>
          )}
        </Group>
        {opened && canMarkInvited && (
          <Group gap="xs">
            <Text size="sm">{t('invite.sentQuestion')}</Text>
            <Button size="xs" onClick={() => onStage({ stage: 'invited', channel: opened, date: today() })}>
              {t(`invite.markInvited.${opened}`)}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
