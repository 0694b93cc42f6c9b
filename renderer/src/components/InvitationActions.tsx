import { Anchor, Button, Group, type MantineSize } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconCopy, IconMail, IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../shared/contract';

type Invitation = RequestOutput<'invitations.forContact'>;
/** The channels a button opens; the invitation is then recorded with it. */
export type OpenedChannel = 'whatsapp' | 'sms' | 'email';

/**
 * One tap to send an invitation: WhatsApp from the business phone (wa.me with the text filled in),
 * a text message (sms:, for phones without WhatsApp), e-mail, or the text copied. `onOpened` tells which channel was opened, to record it afterwards.
 */
export function InvitationActions({ invitation, size, showMessengerLink = false, onOpened }: { invitation: Invitation; size?: MantineSize; showMessengerLink?: boolean; onOpened: (channel: OpenedChannel) => void }) {
  const { t } = useTranslation();
  const { text, links } = invitation;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      notifications.show({ color: 'teal', message: t('invite.copied') });
    } catch {
      notifications.show({ color: 'red', message: t('invite.copyFailed') });
    }
  };
  return (
    <Group gap="xs">
      {links.whatsapp && (
        <Button component="a" href={links.whatsapp} target="_blank" rel="noreferrer" size={size} color="green" leftSection={<IconBrandWhatsapp size={16} aria-hidden />} onClick={() => onOpened('whatsapp')}>
          {t('invite.whatsapp')}
        </Button>
      )}
      {links.sms && (
        <Button component="a" href={links.sms} size={size} variant="default" leftSection={<IconMessage size={16} aria-hidden />} onClick={() => onOpened('sms')}>
          {t('invite.sms')}
        </Button>
      )}
      {links.mailto && (
        <Button component="a" href={links.mailto} size={size} variant="default" leftSection={<IconMail size={16} aria-hidden />} onClick={() => onOpened('email')}>
          {t('invite.email')}
        </Button>
      )}
      <Button size={size} variant="subtle" leftSection={<IconCopy size={16} aria-hidden />} onClick={() => void copy()}>
        {t('invite.copy')}
      </Button>
      {showMessengerLink && links.messenger && (
        <Anchor href={links.messenger} target="_blank" rel="noreferrer" size="xs">
          {t('invite.messengerLink')}
        </Anchor>
      )}
    </Group>
  );
}
