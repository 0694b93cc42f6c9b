import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetailView } from '../../../../shared/contract/contacts';
import { messengers, targets, type Stage, type Target } from '../../../../shared/model/tracking-terms';
import type { StageChange } from '../../../../shared/model/tracking';
import { StageBadge } from '../../components/StageBadge';
import { StageChangeModal, stageNeedsDetails } from '../../components/StageChangeModal';
import { formatDate } from '../../format';
import { InviteSection } from './InviteSection';

interface Props {
  detail: ContactDetailView;
  busy: boolean;
  onStage: (change: StageChange) => void;
  onTarget: (target: Target | null, messengerId: string | null) => void;
  /** "Record consent" opens the consent form instead of changing the stage alone. */
  onRecordConsent: () => void;
  onWithdrawConsent: () => void;
}

/** Where the contact stands, the sensible next steps as buttons, and the target messenger. */
export function WaySection({ detail, busy, onStage, onTarget, onRecordConsent, onWithdrawConsent }: Props) {
  const { t, i18n } = useTranslation();
  const { contact, nextStages } = detail;
  const [asking, setAsking] = useState<Stage | null>(null);
  const [messengerId, setMessengerId] = useState(contact.messengerId ?? '');
  useEffect(() => setMessengerId(contact.messengerId ?? ''), [contact.messengerId]);

  const step = (stage: Stage) => {
    if (stage === 'consent_given') onRecordConsent();
    else if (stage === 'consent_withdrawn') onWithdrawConsent();
    else if (stageNeedsDetails(stage)) setAsking(stage);
    else onStage({ stage });
  };
  const dates = [
    contact.invitedAt &&
      `${t('tracking.fields.invitedAt')}: ${formatDate(contact.invitedAt, i18n.language)}${contact.invitedChannel ? ` (${t(`tracking.channels.${contact.invitedChannel}`)})` : ''}`,
    contact.switchedAt && `${t('tracking.fields.switchedAt')}: ${formatDate(contact.switchedAt, i18n.language)}`,
    contact.letterSentAt &&
      `${t('tracking.fields.letterSentAt')}: ${formatDate(contact.letterSentAt, i18n.language)}${contact.letterVersion ? ` (${contact.letterVersion})` : ''}`,
  ].filter(Boolean);

  return (
    <Stack gap="md">
      <Group gap="sm">
        <StageBadge stage={contact.stage} />
        {dates.map((line) => (
          <Text key={line as string} size="sm" c="dimmed">
            {line}
          </Text>
        ))}
      </Group>
      {nextStages.length > 0 && (
        <Stack gap={6}>
          <Title order={3} size="h5">
            {t('detail.nextSteps')}
          </Title>
          <Group gap="xs">
            {nextStages.map((stage) => (
              <Button key={stage} size="xs" variant="light" onClick={() => step(stage)} disabled={busy}>
                {t(`detail.actions.${stage}`)}
              </Button>
            ))}
          </Group>
        </Stack>
      )}
      <InviteSection contactId={contact.id} revision={contact.revision} canMarkInvited={nextStages.includes('invited')} onStage={onStage} />
      <Group align="flex-end">
        <NativeSelect
          label={t('detail.target')}
          value={contact.target ?? 'none'}
          data={[...targets, 'none'].map((value) => ({ value, label: t(`tracking.targets.${value}`) }))}
          onChange={(event) =>
            onTarget(event.currentTarget.value === 'none' ? null : (event.currentTarget.value as Target), messengerId.trim() || null)
          }
          w={260}
        />
        <TextInput
          label={t('detail.messengerId')}
          value={messengerId}
          onChange={(event) => setMessengerId(event.currentTarget.value)}
          onBlur={() => messengerId !== (contact.messengerId ?? '') && onTarget(contact.target, messengerId.trim() || null)}
          w={260}
        />
      </Group>
      <StageChangeModal
        stage={asking}
        alreadyThere={contact.stage === 'new' ? 'this' : undefined}
        askTarget={!contact.target}
        messenger={messengers.find((m) => m === contact.target) ?? null}
        onClose={() => setAsking(null)}
        onSubmit={(change) => {
          setAsking(null);
          onStage(change);
        }}
      />
    </Stack>
  );
}
