import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  Loader,
  Modal,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconFileCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestInput, RequestOutput } from '../../../../shared/contract';
import type { Selection } from '../../../../shared/model/contact';
import { consentMethods, purposes, type ConsentMethod, type Purpose } from '../../../../shared/model/tracking-terms';
import { bytesToBase64 } from '../../base64';
import { DialogActions } from '../../components/DialogActions';
import { todayIso } from '../../format';
import { useConsentForm, useRecordConsent, useRecordConsents } from '../../queries/contacts';

/** The largest scan the app keeps (as electron/services/evidence.ts checks it again). */
const MAX_SCAN_BYTES = 20 * 1024 * 1024;
const scanTypes = /\.(pdf|jpe?g|png)$/i;

type Evidence = RequestInput<'consents.record'>['evidence'];
type Prepared = RequestOutput<'consents.prepare'>;

/** The consent form records one contact or a selection. */
export type ConsentTarget = { contactId: number } | { selection: Selection; count: number };

interface Props {
  opened: boolean;
  target: ConsentTarget;
  onClose: () => void;
  /**
   * Saved: the bulk result to report with its undo (null for one contact), and whether the proof was a
   * stated reason only (the signed form is then missing, which the message says).
   */
  onRecorded: (
    result: { operationId: number; changed: number; skipped: number; skippedReasons: string[] } | null,
    withoutScan: boolean,
  ) => void;
}

/** The text version the field starts with: the last letter's when all agree, else today's text (one contact) or none (each their own). */
function initialVersion(prepared: Prepared, single: boolean): string {
  const [first, second] = prepared.letterVersions;
  if (!first) return prepared.currentVersion;
  if (single || !second) return first.version ?? prepared.currentVersion;
  return '';
}

/**
 * The consent form: the purposes ticked, the day, the version of the text consented to, how, and its
 * proof: the scan of the signed form, or the reason there is none (the form then counts as missing).
 * Nothing is stored before "Speichern": the scan and the consent are saved together or not at all.
 */
export function ConsentForm({ opened, target, onClose, onRecorded }: Props) {
  const { t } = useTranslation();
  const single = 'contactId' in target;
  const selection: Selection = single ? { ids: [target.contactId] } : target.selection;
  const prepared = useConsentForm(selection, opened);
  const recordOne = useRecordConsent();
  const recordMany = useRecordConsents();
  const [chosen, setChosen] = useState<string[]>([]);
  const [givenAt, setGivenAt] = useState(todayIso());
  const [textVersion, setTextVersion] = useState('');
  const [method, setMethod] = useState<ConsentMethod>('signed_letter');
  const [proofKind, setProofKind] = useState<Evidence['kind']>('scan');
  const [scan, setScan] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const saving = recordOne.isPending || recordMany.isPending;

  useEffect(() => {
    if (!opened) return;
    setChosen([]);
    setGivenAt(todayIso());
    setMethod('signed_letter');
    setProofKind('scan');
    setScan(null);
    setNote('');
    setError(undefined);
  }, [opened]);
  useEffect(() => {
    if (opened && prepared.data) setTextVersion(initialVersion(prepared.data, single));
  }, [opened, prepared.data, single]);

  /** A scan is checked when chosen: a valid one clears an earlier message, a wrong one says why at once. */
  const chooseScan = (file: File | null) => {
    setScan(null);
    if (!file) return;
    if (!scanTypes.test(file.name)) return setError(t('tracking.errors.evidenceType', { file: file.name }));
    if (file.size > MAX_SCAN_BYTES) {
      return setError(
        t('tracking.errors.evidenceTooLarge', {
          file: file.name,
          size: (file.size / 1024 / 1024).toFixed(1),
          limit: MAX_SCAN_BYTES / 1024 / 1024,
        }),
      );
    }
    setError(undefined);
    setScan(file);
  };

  const proof = async (): Promise<Evidence | null> => {
    if (proofKind === 'note') return note.trim().length >= 3 ? { kind: 'note', note: note.trim() } : null;
    return scan ? { kind: 'scan', fileName: scan.name, data: bytesToBase64(new Uint8Array(await scan.arrayBuffer())) } : null;
  };

  const submit = async () => {
    if (chosen.length === 0) return setError(t('detail.consent.purposeRequired'));
    const evidence = await proof();
    if (!evidence) return setError(t('tracking.errors.evidenceMissing'));
    const form = { purposes: chosen as Purpose[], givenAt, textVersion: textVersion.trim() || null, method, evidence };
    const recorded = single
      ? recordOne.mutateAsync({ contactId: target.contactId, ...form }).then(() => null)
      : recordMany.mutateAsync({ selection, ...form });
    await recorded.then(
      (result) => onRecorded(result, evidence.kind === 'note'),
      (failed: Error) => setError(failed.message),
    );
  };

  const versionHint = (data: Prepared) => {
    const [first, second] = data.letterVersions;
    if (!first?.version) return t('detail.consent.versionCurrent');
    if (single || !second) return t('detail.consent.versionLastLetter');
    return t('detail.consent.versionEach', {
      versions: data.letterVersions.map((v) => `${v.version ?? t('detail.consent.noLetter')}: ${v.count}`).join(', '),
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={single ? t('detail.consent.record') : t('detail.consent.recordMany', { count: target.count })}
      size="lg"
      centered
    >
      {!prepared.data ? (
        <Loader aria-label={t('app.loading')} />
      ) : (
        <Stack data-testid="consent-form">
          {prepared.data.refused.length > 0 && (
            <Alert
              color="yellow"
              title={
                single
                  ? t('detail.consent.notPossible')
                  : t('detail.consent.notFor', { count: prepared.data.count - prepared.data.possible })
              }
            >
              <List size="sm">
                {prepared.data.refused.map((reason) => (
                  <List.Item key={reason}>{reason}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {prepared.data.employees > 0 && (
            <Text size="sm" c="dimmed">
              {t('detail.consent.employeesWritten', { count: prepared.data.employees })}
            </Text>
          )}
          <Checkbox.Group label={t('detail.consent.purposes')} value={chosen} onChange={setChosen} withAsterisk>
            <Stack gap={6} mt={6}>
              {purposes.map((purpose) => (
                <Checkbox key={purpose} value={purpose} label={t(`tracking.purposes.${purpose}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('detail.consent.givenAt')}
              value={givenAt}
              max={todayIso()}
              onChange={(e) => setGivenAt(e.currentTarget.value)}
              required
            />
            <NativeSelect
              label={t('detail.consent.method')}
              value={method}
              onChange={(e) => {
                const next = e.currentTarget.value as ConsentMethod;
                setMethod(next);
                // Consent on the phone or in person has no signed form to scan, usually.
                setProofKind(next === 'signed_letter' || next === 'email' ? 'scan' : 'note');
              }}
              data={consentMethods.map((value) => ({ value, label: t(`tracking.methods.${value}`) }))}
            />
          </Group>
          <TextInput
            label={t('detail.consent.textVersion')}
            description={versionHint(prepared.data)}
            value={textVersion}
            onChange={(e) => setTextVersion(e.currentTarget.value)}
            required={single}
          />
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('detail.consent.proof')}
            </Text>
            <SegmentedControl
              value={proofKind}
              onChange={(value) => {
                setProofKind(value as Evidence['kind']);
                setError(undefined);
              }}
              data={[
                { value: 'scan', label: t('detail.consent.proofScan') },
                { value: 'note', label: t('detail.consent.proofNote') },
              ]}
            />
            {proofKind === 'scan' ? (
              <FileInput
                aria-label={t('detail.consent.evidence')}
                placeholder={t('detail.consent.evidence')}
                accept="application/pdf,image/jpeg,image/png"
                clearable
                value={scan}
                onChange={chooseScan}
                leftSection={<IconFileCheck size={16} aria-hidden />}
                description={scan ? t('detail.consent.evidenceChosen', { file: scan.name }) : undefined}
              />
            ) : (
              <Textarea
                aria-label={t('detail.consent.noteLabel')}
                placeholder={t('detail.consent.notePlaceholder')}
                description={t('detail.consent.noteHint')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                autosize
                minRows={2}
              />
            )}
          </Stack>
          <DialogActions error={error} onCancel={onClose}>
            <Button onClick={() => void submit()} loading={saving} disabled={!givenAt || prepared.data.possible === 0}>
              {single ? t('detail.consent.save') : t('detail.consent.saveMany', { count: prepared.data.possible })}
            </Button>
          </DialogActions>
        </Stack>
      )}
    </Modal>
  );
}
