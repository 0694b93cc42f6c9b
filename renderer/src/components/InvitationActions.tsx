import { Alert, Anchor, Button, Group, Stack, Text, type MantineSize } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconCopy, IconMail, IconMessage, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../shared/contract';
import { profileFieldLabel } from '../../../shared/invitations/profile-field';
import { hashFor } from '../routes';

type Invitation = RequestOutput<'invitations.forContact'>;
/** The channels a button opens; the invitation is then recorded with it. */
export type OpenedChannel = 'whatsapp' | 'sms' | 'email';

/** Whether anything of the invitation can go out: a target is chosen and the profile has what the text needs. */
export const canSend = (invitation: Invitation) => !invitation.needsTarget && invitation.missingProfile.length === 0;

/**
 * What the text lacks from the business profile, with the way to Einstellungen → Betrieb. Shown
 * instead of the buttons: a text reading "öffnen Sie ." or ending without a sender is not sent.
 */
function MissingProfile({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const fields = invitation.missingProfile.map((field) => profileFieldLabel(field)).map(({ key, vars }) => t(key, vars));
  return (
    <Alert color="yellow" data-testid="invite-missing-profile">
      <Stack gap={4}>
        <Text size="sm">{t('invite.missingProfile', { fields: fields.join(', ') })}</Text>
        <Anchor href={`${hashFor('settings')}?tab=betrieb`} size="sm">
          {t('invite.fillProfile')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

/**
 * One tap to send an invitation: WhatsApp from the business phone (wa.me with the text filled in),
 * a text message (sms:, for phones without WhatsApp), e-mail, or the text copied. A landline gets
 * neither WhatsApp nor SMS: the reason stands where their buttons would be. `onOpened` tells which
 * channel was opened, to record it afterwards.
 */
export function InvitationActions({
  invitation,
  size,
  showMessengerLink = false,
  onOpened,
}: {
  invitation: Invitation;
  size?: MantineSize;
  showMessengerLink?: boolean;
  onOpened: (channel: OpenedChannel) => void;
}) {
  const { t } = useTranslation();
  const { text, links, noMessaging } = invitation;
  if (invitation.needsTarget) return null;
  if (!canSend(invitation)) return <MissingProfile invitation={invitation} />;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      notifications.show({ color: 'teal', message: t('invite.copied') });
    } catch {
      notifications.show({ color: 'red', message: t('invite.copyFailed') });
    }
  };
  return (
    <Stack gap="xs">
      {noMessaging && (
        <Group gap={6} wrap="nowrap" data-testid="invite-no-messaging">
          <IconPhone size={16} aria-hidden />
          <Text size="sm">{t(`invite.noMessaging.${noMessaging.reason}`, { numbers: noMessaging.numbers.join(', ') })}</Text>
        </Group>
      )}
      <Group gap="xs">
        {links.whatsapp && (
          <Button
            component="a"
            href={links.whatsapp}
            target="_blank"
            rel="noreferrer"
            size={size}
            color="green"
            leftSection={<IconBrandWhatsapp size={16} aria-hidden />}
            onClick={() => onOpened('whatsapp')}
          >
            {t('invite.whatsapp')}
          </Button>
        )}
        {links.sms && (
          <Button
            component="a"
            href={links.sms}
            size={size}
            variant="default"
            leftSection={<IconMessage size={16} aria-hidden />}
            onClick={() => onOpened('sms')}
          >
            {t('invite.sms')}
          </Button>
        )}
        {links.mailto && (
          <Button
            component="a"
            href={links.mailto}
            size={size}
            variant="default"
            leftSection={<IconMail size={16} aria-hidden />}
            onClick={() => onOpened('email')}
          >
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
    </Stack>
  );
}
