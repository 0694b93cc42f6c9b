import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRecord } from '../../../../shared/model/import';
import { send } from '../../api';

/** Undo with a question first: a mistake here would cost the office work. */
export function useUndoImport(onUndone: () => void) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<ImportRecord | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (!asking) return;
    setBusy(true);
    const result = await send('import.undo', { importId: asking.id });
    setBusy(false);
    setAsking(null);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('import.history.undoneDone', { file: asking.file }) });
      onUndone();
    } else notifications.show({ color: 'red', title: t('errors.title'), message: result.error.message });
  };

  const dialog = (
    <Modal opened={asking !== null} onClose={() => setAsking(null)} title={t('import.history.confirmTitle')} centered>
      <Text size="sm">{asking && t('import.history.confirm', { file: asking.file })}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => setAsking(null)}>
          {t('import.cancel')}
        </Button>
        <Button color="red" onClick={confirm} loading={busy}>
          {t('import.history.confirmYes')}
        </Button>
      </Group>
    </Modal>
  );
  return { ask: setAsking, dialog };
}
