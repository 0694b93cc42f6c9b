import { Anchor, Badge, Button, Checkbox, Group, Image, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetailView } from '../../../../shared/contract/contacts';
import type { Consent, Purpose } from '../../../../shared/model/tracking';
import { base64ToBytes } from '../../base64';
import { DialogActions } from '../../components/DialogActions';
import { formatDate, todayIso } from '../../format';
import { notifyFailure, request } from '../../queries/client';
import { useWithdrawConsent } from '../../queries/contacts';
import { ConsentForm } from './ConsentForm';

function EvidenceLink({ evidence }: { evidence: NonNullable<Consent['evidence']> }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  // Read on demand and handed to the browser as a blob, not kept as query data: a scan can be 20 MB.
  const load = () =>
    request('evidence.get', { id: evidence.id }).then(
      (scan) => setUrl(URL.createObjectURL(new Blob([base64ToBytes(scan.data)], { type: scan.mime }))),
      (error: Error) => notifyFailure(error.message),
    );
  if (!url) {
    return (
      <Anchor component="button" size="sm" onClick={() => void load()}>
        {t('detail.consent.evidenceShow')} ({evidence.fileName})
      </Anchor>
    );
  }
  return evidence.mime.startsWith('image/') ? (
    <Image src={url} alt={evidence.fileName} maw={360} radius="sm" />
  ) : (
    <Anchor href={url} download={evidence.fileName} size="sm">
      {t('detail.consent.evidenceDownload')} ({evidence.fileName})
    </Anchor>
  );
}

function Withdraw({
  opened,
  detail,
  onClose,
  onDone,
}: {
  opened: boolean;
  detail: ContactDetailView;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const active = [...new Set(detail.consents.filter((c) => !c.withdrawnAt).map((c) => c.purpose))];
  const [chosen, setChosen] = useState<string[]>(active);
  const [date, setDate] = useState(todayIso());
  const [error, setError] = useState<string>();
  const withdraw = useWithdrawConsent();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the purposes ticked start from the active ones at each opening only
  useEffect(() => {
    if (opened) setChosen(active);
  }, [opened]);
  const submit = () =>
    withdraw
      .mutateAsync({ contactId: detail.contact.id, purposes: chosen as Purpose[], date })
      .then(onDone, (failed: Error) => setError(failed.message));
  return (
    <Modal opened={opened} onClose={onClose} title={t('detail.consent.withdrawTitle')} centered>
      <Stack>
        <Checkbox.Group value={chosen} onChange={setChosen} label={t('detail.consent.purposes')}>
          <Stack gap={6} mt={6}>
            {active.map((purpose) => (
              <Checkbox key={purpose} value={purpose} label={t(`tracking.purposes.${purpose}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TextInput
          type="date"
          label={t('detail.consent.withdrawDate')}
          value={date}
          max={todayIso()}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        <DialogActions error={error} onCancel={onClose}>
          <Button color="red" onClick={() => void submit()} disabled={chosen.length === 0}>
            {t('detail.consent.withdraw')}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );
}

interface Props {
  detail: ContactDetailView;
  recording: boolean;
  withdrawing: boolean;
  onRecord: (open: boolean) => void;
  onWithdraw: (open: boolean) => void;
}

/** Consent per purpose: when given, which text version, how, the proof, and any withdrawal. */
export function ConsentSection({ detail, recording, withdrawing, onRecord, onWithdraw }: Props) {
  const { t, i18n } = useTranslation();
  const canRecord = detail.contact.stage === 'consent_given' || detail.nextStages.includes('consent_given');
  const hasActive = detail.consents.some((c) => !c.withdrawnAt);
  return (
    <Stack gap="sm">
      {detail.consents.length === 0 && <Text c="dimmed">{t('detail.consent.none')}</Text>}
      {detail.consents.map((consent) => (
        <Paper key={consent.id} withBorder p="sm" data-testid="consent">
          <Stack gap={4}>
            <Group justify="space-between">
              <Text fw={600}>{t(`tracking.purposes.${consent.purpose}`)}</Text>
              {consent.withdrawnAt ? (
                <Badge color="red" variant="light" tt="none">
                  {t('detail.consent.withdrawn', { date: formatDate(consent.withdrawnAt, i18n.language) })}
                </Badge>
              ) : (
                <Badge color="green" variant="light" tt="none">
                  {t('detail.consent.given', { date: formatDate(consent.givenAt, i18n.language) })}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {t(`tracking.methods.${consent.method}`)} · {t('detail.consent.textVersion')} {consent.textVersion}
            </Text>
            {consent.evidence && <EvidenceLink evidence={consent.evidence} />}
            {!consent.evidence && (
              <Group gap="xs">
                <Badge color="orange" variant="light" tt="none">
                  {t('detail.consent.formMissing')}
                </Badge>
                {consent.evidenceNote && <Text size="sm">{t('detail.consent.noteShown', { note: consent.evidenceNote })}</Text>}
              </Group>
            )}
          </Stack>
        </Paper>
      ))}
      <Group>
        {canRecord && <Button onClick={() => onRecord(true)}>{t('detail.consent.record')}</Button>}
        {hasActive && (
          <Button variant="light" color="red" onClick={() => onWithdraw(true)}>
            {t('detail.consent.withdraw')}
          </Button>
        )}
      </Group>
      <ConsentForm
        opened={recording}
        target={{ contactId: detail.contact.id }}
        onClose={() => onRecord(false)}
        onRecorded={(_result, withoutScan) => {
          onRecord(false);
          // Said only now: the proof and the consent are stored.
          notifications.show({
            color: withoutScan ? 'yellow' : 'teal',
            message: t(withoutScan ? 'detail.consent.savedWithoutScan' : 'detail.consent.saved'),
          });
        }}
      />
      <Withdraw opened={withdrawing} detail={detail} onClose={() => onWithdraw(false)} onDone={() => onWithdraw(false)} />
    </Stack>
  );
}
