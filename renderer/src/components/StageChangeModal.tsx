import { Button, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogActions } from './DialogActions';
import { messengers, sendingChannels, targets, type Messenger, type Stage } from '../../../shared/model/tracking-terms';
import type { StageChange } from '../../../shared/model/tracking';
import { todayIso } from '../format';
import { useFocusBackOnClose } from '../hooks/useFocusBackOnClose';

/** Stages that need a detail beside the stage itself: how, to which messenger, which letter, when. */
export const stageNeedsDetails = (stage: Stage) => stage === 'invited' || stage === 'switched' || stage === 'consent_requested';

interface Props {
  stage: Stage | null;
  /** How many contacts this applies to (the title says it for a bulk change). */
  count?: number;
  /**
   * A switch from "new" is recorded as "war schon dort" (no invitation happened): say so, for one
   * contact at "new" (`'this'`) or for those of a selection still at "new" (`'some'`).
   */
  alreadyThere?: 'this' | 'some';
  /** Ask which target the invitation is for (contacts without one get it; a target set before stays). */
  askTarget?: boolean;
  /** The messenger offered first for a switch (the contact's target, when it is one). */
  messenger?: Messenger | null;
  onSubmit: (change: StageChange) => void;
  onClose: () => void;
}

/** Asks for what a stage change needs to record: the channel of an invitation, the messenger, the letter. */
export function StageChangeModal({ stage, ...props }: Props) {
  // Drawn afresh for every opening: each starts from the defaults, not from what the last one chose.
  return stage ? <StageChangeDialog key={stage} stage={stage} {...props} /> : null;
}

function StageChangeDialog({
  stage,
  count,
  alreadyThere,
  askTarget = false,
  messenger: targetMessenger,
  onSubmit,
  onClose,
}: Props & { stage: Stage }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<string>('whatsapp');
  const [messenger, setMessenger] = useState<string>(targetMessenger ?? 'signal');
  const [target, setTarget] = useState<string>('');
  const [letterVersion, setLetterVersion] = useState('');
  const [date, setDate] = useState(todayIso());
  useFocusBackOnClose();

  const submit = () =>
    onSubmit({
      stage,
      date,
      ...(stage === 'invited'
        ? { channel: channel as StageChange['channel'], ...(target ? { target: target as StageChange['target'] } : {}) }
        : {}),
      ...(stage === 'switched' ? { messenger: messenger as StageChange['messenger'] } : {}),
      ...(stage === 'consent_requested' && letterVersion.trim() ? { letterVersion: letterVersion.trim() } : {}),
    });

  return (
    <Modal opened onClose={onClose} title={t(`detail.actions.${stage}`)} centered>
      <Stack>
        {count !== undefined && <Text size="sm">{t('contacts.selection.count', { count })}</Text>}
        {stage === 'invited' && (
          <NativeSelect
            label={t('detail.channel')}
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value)}
            data={sendingChannels.map((value) => ({ value, label: t(`tracking.channels.${value}`) }))}
          />
        )}
        {stage === 'invited' && askTarget && (
          <NativeSelect
            label={t('detail.invitationTarget')}
            description={t(count !== undefined ? 'detail.invitationTargetBulkHint' : 'detail.invitationTargetHint')}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            data={[
              { value: '', label: t('detail.invitationTargetNone') },
              ...targets.map((value) => ({ value, label: t(`tracking.targets.${value}`) })),
            ]}
          />
        )}
        {stage === 'switched' && (
          <NativeSelect
            label={t('detail.messenger')}
            value={messenger}
            onChange={(e) => setMessenger(e.currentTarget.value)}
            data={messengers.map((value) => ({ value, label: t(`tracking.targets.${value}`) }))}
          />
        )}
        {stage === 'switched' && alreadyThere && (
          <Text size="sm" c="dimmed">
            {t(alreadyThere === 'this' ? 'detail.alreadyThere' : 'detail.alreadyThereSome')}
          </Text>
        )}
        {stage === 'consent_requested' && (
          <TextInput label={t('detail.letterVersion')} value={letterVersion} onChange={(e) => setLetterVersion(e.currentTarget.value)} />
        )}
        <TextInput type="date" label={t('detail.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} required />
        <DialogActions onCancel={onClose}>
          <Button onClick={submit} disabled={!/^\d{4}-\d{2}-\d{2}$/.test(date)}>
            {t('detail.confirm')}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );
}
