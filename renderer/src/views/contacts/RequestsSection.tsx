import { Button, Checkbox, Group, Modal, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetailView } from '../../../../shared/contract/contacts';
import { proofKeptUntil } from '../../../../shared/model/erasure';
import { DialogActions } from '../../components/DialogActions';
import { saveFile } from '../../download';
import { formatDate } from '../../format';
import { toldAlready } from '../../queries/client';
import { useAccessReport, useEraseContact } from '../../queries/contacts';

/**
 * What the person may ask for under the GDPR: a copy of everything stored about them ("Auskunft",
 * Art. 15) as PDF or JSON, and erasure at once ("Löschen auf Verlangen", Art. 17), set apart as the
 * drawer's danger zone.
 */
export function RequestsSection({ detail, onErased }: { detail: ContactDetailView; onErased: () => void }) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState<'pdf' | 'json' | null>(null);
  const [erasing, setErasing] = useState(false);
  const accessReport = useAccessReport();
  const download = (format: 'pdf' | 'json') => {
    setLoading(format);
    accessReport
      .mutateAsync({ id: detail.contact.id, format })
      .then((file) => saveFile(file.fileName, file.data, file.mime), toldAlready)
      .finally(() => setLoading(null));
  };
  return (
    <Stack gap="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('detail.requests.accessTitle')}
        </Title>
        <Text size="sm">{t('detail.requests.accessText')}</Text>
        <Group gap="xs">
          <Button onClick={() => download('pdf')} loading={loading === 'pdf'} disabled={loading !== null}>
            {t('detail.requests.accessPdf')}
          </Button>
          <Button variant="default" onClick={() => download('json')} loading={loading === 'json'} disabled={loading !== null}>
            {t('detail.requests.accessJson')}
          </Button>
        </Group>
      </Stack>
      <Paper withBorder p="md" radius="sm" style={{ borderColor: 'var(--mantine-color-red-6)' }} data-testid="danger-zone">
        <Stack gap="xs">
          <Title order={3} size="h5" c="red.8">
            {t('detail.requests.eraseTitle')}
          </Title>
          <Text size="sm">{t('detail.requests.eraseText')}</Text>
          <Button color="red" variant="outline" w="fit-content" onClick={() => setErasing(true)}>
            {t('detail.requests.erase')}
          </Button>
        </Stack>
      </Paper>
      <EraseDialog opened={erasing} detail={detail} onClose={() => setErasing(false)} onErased={onErased} />
    </Stack>
  );
}

function EraseDialog({
  opened,
  detail,
  onClose,
  onErased,
}: {
  opened: boolean;
  detail: ContactDetailView;
  onClose: () => void;
  onErased: () => void;
}) {
  const { t, i18n } = useTranslation();
  const erase = useEraseContact();
  const [keep, setKeep] = useState('keep');
  const [understood, setUnderstood] = useState(false);
  const [error, setError] = useState<string>();
  // Scans of withdrawn consents: the law lets the business keep them as proof (docs/access-and-erasure.md).
  const withdrawnProof = detail.consents.filter((consent) => consent.withdrawnAt && consent.evidence);
  const keepUntil = withdrawnProof.length > 0 ? proofKeptUntil(withdrawnProof.map((consent) => consent.withdrawnAt!)) : null;
  const name = detail.contact.displayName;
  const close = () => {
    setUnderstood(false);
    setError(undefined);
    onClose();
  };
  const submit = () =>
    erase.mutateAsync({ id: detail.contact.id, keepWithdrawnEvidence: keepUntil !== null && keep === 'keep' }).then(
      (result) => {
        const kept = result.keptEvidence.length > 0;
        notifications.show({
          color: 'teal',
          message: kept
            ? t('detail.requests.erasedKept', { name, date: formatDate(keepUntil, i18n.language) })
            : t('detail.requests.erased', { name }),
        });
        close();
        onErased();
      },
      (failed: Error) => setError(failed.message),
    );
  return (
    <Modal opened={opened} onClose={close} title={t('detail.requests.eraseDialogTitle', { name })} centered size="lg">
      <Stack>
        <Text size="sm">{t('detail.requests.eraseExplain', { name })}</Text>
        <Text size="sm" fw={600}>
          {t('detail.requests.eraseFinal')}
        </Text>
        {keepUntil && (
          <Radio.Group value={keep} onChange={setKeep} label={t('detail.requests.proofQuestion')}>
            <Stack gap={6} mt={6}>
              <Radio value="keep" label={t('detail.requests.proofKeep', { date: formatDate(keepUntil, i18n.language) })} />
              <Radio value="erase" label={t('detail.requests.proofErase')} />
            </Stack>
          </Radio.Group>
        )}
        <Checkbox
          checked={understood}
          onChange={(event) => setUnderstood(event.currentTarget.checked)}
          label={t('detail.requests.understood', { name })}
        />
        <DialogActions error={error} onCancel={close}>
          <Button color="red" onClick={() => void submit()} disabled={!understood} loading={erase.isPending}>
            {t('detail.requests.eraseConfirm')}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );
}
