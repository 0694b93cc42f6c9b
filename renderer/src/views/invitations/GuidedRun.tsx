import { Button, Group, Paper, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPlayerSkipForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Target } from '../../../../shared/model/tracking';
import { canSend, InvitationActions, type OpenedChannel } from '../../components/InvitationActions';
import { InvitationTone } from '../../components/InvitationTone';
import { ChosenTarget, TargetChoice } from '../../components/TargetChoice';
import { todayIso } from '../../format';
import { toldAlready } from '../../queries/client';
import { useContact, useSetStage } from '../../queries/contacts';
import { useInvitation } from '../../queries/invitations';

/**
 * The selection one contact at a time: open WhatsApp (or e-mail) with the text ready, come back, record
 * the invitation with its channel and date, next. A contact without a target is asked for one first
 * (the business's recommended messenger suggested); it is stored with the invitation. Nothing is
 * recorded for a skipped contact.
 */
export function GuidedRun({ ids, onDone }: { ids: number[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [position, setPosition] = useState(0);
  const [opened, setOpened] = useState<OpenedChannel | null>(null);
  const [chosen, setChosen] = useState<Target | null>(null);
  const [invited, setInvited] = useState(0);
  const id = ids[position];
  const detail = useContact(id);
  const invitation = useInvitation(id, chosen);
  const setStage = useSetStage();

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
    setChosen(null);
    setPosition(position + 1);
  };
  const canInvite = detail.data?.nextStages.includes('invited') ?? false;
  const current = invitation.data?.id === id ? invitation.data : undefined;
  // Asked before anything else: where the invitation leads, for a contact without a target.
  const asking = canInvite && current?.needsTarget === true && chosen === null;
  // Recorded with the channel the office opened: an invitation nobody opened was not sent.
  const channel: OpenedChannel | null = opened;
  const markAndNext = () => {
    if (!channel) return;
    void setStage
      .mutateAsync({ id, change: { stage: 'invited', channel, date: todayIso(), ...(chosen ? { target: chosen } : {}) } })
      .then(() => {
        setInvited(invited + 1);
        next();
      }, toldAlready);
  };
  const skip = (
    <Button variant="default" leftSection={<IconPlayerSkipForward size={16} aria-hidden />} onClick={next}>
      {t('invitations.skip')}
    </Button>
  );

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
        <Progress
          value={(100 * position) / ids.length}
          aria-label={t('invitations.runPosition', { position: position + 1, total: ids.length })}
        />
        {asking && current ? (
          <TargetChoice suggested={current.suggestedTarget} onChoose={setChosen} extra={skip} />
        ) : (
          <>
            {chosen && <ChosenTarget target={chosen} onChange={() => setChosen(null)} />}
            {current && !current.needsTarget && <InvitationTone language={current.language} formal={current.formal} />}
            {current && !current.needsTarget && (
              <Textarea value={current.text} readOnly autosize minRows={4} aria-label={t('invite.text')} />
            )}
            {current && <InvitationActions invitation={current} onOpened={setOpened} />}
            <Group>
              <Button onClick={markAndNext} disabled={!canInvite || !current || !canSend(current) || !channel}>
                {t('invitations.markAndNext')}
              </Button>
              {skip}
              {!canInvite && detail.data && (
                <Text size="sm" c="dimmed">
                  {t('invitations.cannotInvite')}
                </Text>
              )}
              {canInvite && current && canSend(current) && !channel && (
                <Text size="sm" c="dimmed">
                  {t('invitations.openFirst')}
                </Text>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
