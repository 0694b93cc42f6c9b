import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRecord } from '../../../../shared/model/import';
import { toldAlready } from '../../queries/client';
import { useImportUndo } from '../../queries/imports';

/** Undo with a question first: a mistake here would cost the office work. */
export function useUndoImport(onUndone?: () => void) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<ImportRecord | null>(null);
  const undo = useImportUndo();

  const confirm = () => {
    if (!asking) return;
    void undo
      .mutateAsync({ importId: asking.id })
      .then(() => {
        notifications.show({ color: 'teal', message: t('import.history.undoneDone', { file: asking.file }) });
        onUndone?.();
      }, toldAlready)
      .finally(() => setAsking(null));
  };

  const dialog = (
    <Modal opened={asking !== null} onClose={() => setAsking(null)} title={t('import.history.confirmTitle')} centered>
      <Text size="sm">{asking && t('import.history.confirm', { file: asking.file })}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => setAsking(null)}>
          {t('import.cancel')}
        </Button>
        <Button color="red" onClick={confirm} loading={undo.isPending}>
          {t('import.history.confirmYes')}
        </Button>
      </Group>
    </Modal>
  );
  return { ask: setAsking, dialog };
}
