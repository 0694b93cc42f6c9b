import { Anchor, Badge, Button, Checkbox, FileInput, Group, Image, Modal, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetailView } from '../../../../shared/contract/contacts';
import { consentMethods, purposes, type Consent, type Purpose } from '../../../../shared/model/tracking';
import { send } from '../../api';
import { base64ToBytes, bytesToBase64 } from '../../base64';
import { DialogActions } from '../../components/DialogActions';
import { formatDate, todayIso } from '../../format';


function EvidenceLink({ evidence }: { evidence: NonNullable<Consent['evidence']> }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const load = async () => {
    const result = await send('evidence.get', { id: evidence.id });
    if (!result.ok) return notifications.show({ color: 'red', title: t('errors.title'), message: result.error.message });
    setUrl(URL.createObjectURL(new Blob([base64ToBytes(result.value.data)], { type: result.value.mime })));
  };
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

interface RecordProps {
  opened: boolean;
  contactId: number;
  defaultVersion: string;
  onClose: () => void;
  onRecorded: () => void;
}

/** The consent form: a tick per purpose, the date and text version signed, how, and the scan. */
function RecordConsent({ opened, contactId, defaultVersion, onClose, onRecorded }: RecordProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [givenAt, setGivenAt] = useState(todayIso());
  const [textVersion, setTextVersion] = useState(defaultVersion);
  const [method, setMethod] = useState<string>('signed_letter');
  const [evidence, setEvidence] = useState<{ id: number; fileName: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (opened) {
      setChosen([]);
      setEvidence(null);
      setError(undefined);
      setTextVersion(defaultVersion);
      setGivenAt(todayIso());
    }
  }, [opened, defaultVersion]);

  const upload = async (file: File | null) => {
    setEvidence(null);
    if (!file) return;
    setUploading(true);
    const result = await send('evidence.upload', { fileName: file.name, data: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
    setUploading(false);
    if (result.ok) setEvidence({ id: result.value.id, fileName: result.value.fileName });
    else setError(result.error.message);
  };

  const submit = async () => {
    if (chosen.length === 0) return setError(t('detail.consent.purposeRequired'));
    const result = await send('consents.record', {
      contactId,
      purposes: chosen as Purpose[],
      givenAt,
      textVersion: textVersion.trim(),
      method: method as Consent['method'],
      evidenceId: evidence?.id ?? null,
    });
    if (!result.ok) return setError(result.error.message);
    onRecorded();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('detail.consent.record')} size="lg" centered>
      <Stack>
        <Checkbox.Group label={t('detail.consent.purposes')} value={chosen} onChange={setChosen}>
          <Stack gap={6} mt={6}>
            {purposes.map((purpose) => (
              <Checkbox key={purpose} value={purpose} label={t(`tracking.purposes.${purpose}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group grow>
          <TextInput type="date" label={t('detail.consent.givenAt')} value={givenAt} onChange={(e) => setGivenAt(e.currentTarget.value)} required />
          <TextInput label={t('detail.consent.textVersion')} value={textVersion} onChange={(e) => setTextVersion(e.currentTarget.value)} required />
          <NativeSelect label={t('detail.consent.method')} value={method} onChange={(e) => setMethod(e.currentTarget.value)} data={consentMethods.map((value) => ({ value, label: t(`tracking.methods.${value}`) }))} />
        </Group>
        <FileInput
          label={t('detail.consent.evidence')}
          accept="application/pdf,image/jpeg,image/png"
          clearable
          onChange={(file) => void upload(file)}
          leftSection={<IconFileCheck size={16} aria-hidden />}
          description={uploading ? t('detail.consent.evidenceUploading') : evidence ? t('detail.consent.evidenceUploaded') : undefined}
        />
        <DialogActions error={error} onCancel={onClose}>
          <Button onClick={() => void submit()} disabled={uploading || !textVersion.trim() || !givenAt}>
            {t('detail.consent.record')}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );
}

function Withdraw({ opened, detail, onClose, onDone }: { opened: boolean; detail: ContactDetailView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const active = [...new Set(detail.consents.filter((c) => !c.withdrawnAt).map((c) => c.purpose))];
  const [chosen, setChosen] = useState<string[]>(active);
  const [date, setDate] = useState(todayIso());
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (opened) setChosen(active);
  }, [opened]);
  const submit = async () => {
    const result = await send('consents.withdraw', { contactId: detail.contact.id, purposes: chosen as Purpose[], date });
    if (!result.ok) return setError(result.error.message);
    onDone();
  };
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
        <TextInput type="date" label={t('detail.consent.withdrawDate')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
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
  onChanged: () => void;
}

/** Consent per purpose: when given, which text version, how, the proof, and any withdrawal. */
export function ConsentSection({ detail, recording, withdrawing, onRecord, onWithdraw, onChanged }: Props) {
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
      <RecordConsent
        opened={recording}
        contactId={detail.contact.id}
        defaultVersion={detail.contact.letterVersion ?? ''}
        onClose={() => onRecord(false)}
        onRecorded={() => {
          onRecord(false);
          onChanged();
        }}
      />
      <Withdraw
        opened={withdrawing}
        detail={detail}
        onClose={() => onWithdraw(false)}
        onDone={() => {
          onWithdraw(false);
          onChanged();
        }}
      />
    </Stack>
  );
}
