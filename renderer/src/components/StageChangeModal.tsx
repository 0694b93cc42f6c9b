import { Button, Checkbox, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogActions } from './DialogActions';
import { messengers, sendingChannels, targets, type StageChange, type Stage } from '../../../shared/model/tracking';
import { todayIso } from '../format';

/** Stages that need a detail beside the stage itself: how, to which messenger, which letter, when. */
export const stageNeedsDetails = (stage: Stage) => stage === 'invited' || stage === 'switched' || stage === 'consent_requested';

interface Props {
  stage: Stage | null;
  /** How many contacts this applies to (the title says it for a bulk change). */
  count?: number;
  /**
   * Offer "was there already" for a switch: someone already on the messenger is recorded as switched
   * without a pretend invitation. `'checked'`: the contact stands at "new", so that is the likely case.
   */
  alreadyThere?: boolean | 'checked';
  /** Ask which target the invitation is for (contacts without one get it; a target set before stays). */
  askTarget?: boolean;
  onSubmit: (change: StageChange) => void;
  onClose: () => void;
}

/** Asks for what a stage change needs to record: the channel of an invitation, the messenger, the letter. */
export function StageChangeModal({ stage, count, alreadyThere = false, askTarget = false, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<string>('whatsapp');
  const [messenger, setMessenger] = useState<string>('signal');
  const [target, setTarget] = useState<string>('');
  const [wasThere, setWasThere] = useState(false);
  const [letterVersion, setLetterVersion] = useState('');
  const [date, setDate] = useState(todayIso());
  useEffect(() => {
    setDate(todayIso());
    setWasThere(alreadyThere === 'checked');
    setTarget('');
  }, [stage, alreadyThere]);

  if (!stage) return null;
  const submit = () =>
    onSubmit({
      stage,
      date,
      ...(stage === 'invited' ? { channel: channel as StageChange['channel'], ...(target ? { target: target as StageChange['target'] } : {}) } : {}),
      ...(stage === 'switched' ? { messenger: messenger as StageChange['messenger'], ...(wasThere ? { channel: 'already_there' as const } : {}) } : {}),
      ...(stage === 'consent_requested' && letterVersion.trim() ? { letterVersion: letterVersion.trim() } : {}),
    });

  return (
    <Modal opened onClose={onClose} title={t(`detail.actions.${stage}`)} centered>
      <Stack>
        {count !== undefined && <Text size="sm">{t('contacts.selection.count', { count })}</Text>}
        {stage === 'invited' && (
          <NativeSelect label={t('detail.channel')} value={channel} onChange={(e) => setChannel(e.currentTarget.value)} data={sendingChannels.map((value) => ({ value, label: t(`tracking.channels.${value}`) }))} />
        )}
        {stage === 'invited' && askTarget && (
          <NativeSelect
            label={t('detail.invitationTarget')}
            description={t(count !== undefined ? 'detail.invitationTargetBulkHint' : 'detail.invitationTargetHint')}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            data={[{ value: '', label: t('detail.invitationTargetNone') }, ...targets.map((value) => ({ value, label: t(`tracking.targets.${value}`) }))]}
          />
        )}
        {stage === 'switched' && (
          <NativeSelect label={t('detail.messenger')} value={messenger} onChange={(e) => setMessenger(e.currentTarget.value)} data={messengers.map((value) => ({ value, label: t(`tracking.targets.${value}`) }))} />
        )}
        {stage === 'switched' && alreadyThere && <Checkbox label={t('detail.alreadyThere')} description={t('detail.alreadyThereHint')} checked={wasThere} onChange={(e) => setWasThere(e.currentTarget.checked)} />}
        {stage === 'consent_requested' && <TextInput label={t('detail.letterVersion')} value={letterVersion} onChange={(e) => setLetterVersion(e.currentTarget.value)} />}
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
