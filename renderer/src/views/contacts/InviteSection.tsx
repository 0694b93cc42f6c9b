import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageChange, Target } from '../../../../shared/model/tracking';
import { InvitationActions, type OpenedChannel } from '../../components/InvitationActions';
import { InvitationTone } from '../../components/InvitationTone';
import { ChosenTarget, TargetChoice } from '../../components/TargetChoice';
import { todayIso } from '../../format';
import { useInvitation } from '../../queries/invitations';

/**
 * The personal invitation, ready to send in one tap: WhatsApp from the business phone (wa.me with the
 * text filled in), a text message, e-mail, or copied; then one click records the invitation with its
 * channel and date. A contact without a target is asked for one first; it is stored with the invitation.
 * `revision`: the contact's; a change of the contact starts the choice over.
 */
export function InviteSection({
  contactId,
  revision,
  canMarkInvited,
  onStage,
}: {
  contactId: number;
  revision: number;
  canMarkInvited: boolean;
  onStage: (change: StageChange) => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Target | null>(null);
  const [opened, setOpened] = useState<OpenedChannel | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another contact, or this one changed: the choice starts over
  useEffect(() => {
    setChosen(null);
    setOpened(null);
  }, [contactId, revision]);
  const invitation = useInvitation(contactId, chosen);
  if (!invitation.data) return null;
  const { text, language, formal, needsTarget, suggestedTarget } = invitation.data;

  return (
    <Paper withBorder p="sm" data-testid="invite">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('invite.title')}
        </Title>
        {needsTarget && !chosen ? (
          <TargetChoice suggested={suggestedTarget} onChoose={setChosen} />
        ) : (
          <>
            {chosen && <ChosenTarget target={chosen} onChange={() => setChosen(null)} />}
            <InvitationTone language={language} formal={formal} />
            <Textarea value={text} readOnly autosize minRows={3} aria-label={t('invite.text')} />
            <InvitationActions invitation={invitation.data} size="xs" showMessengerLink onOpened={setOpened} />
            {opened && canMarkInvited && (
              <Group gap="xs">
                <Text size="sm">{t('invite.sentQuestion')}</Text>
                <Button
                  size="xs"
                  onClick={() => onStage({ stage: 'invited', channel: opened, date: todayIso(), ...(chosen ? { target: chosen } : {}) })}
                >
                  {t(`invite.markInvited.${opened}`)}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
