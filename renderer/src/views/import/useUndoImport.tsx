import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRecord } from '../../../../shared/model/import';
import { toldAlready } from '../../queries/client';
import { useImportUndo } from '../../queries/imports';

/**
 * Undo with a question first: a mistake here would cost the office work. `ask(record, true)` undoes
 * the rest of an import some of whose contacts were changed since; those stay as they are.
 */
export function useUndoImport(onUndone?: () => void) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<{ record: ImportRecord; rest: boolean } | null>(null);
  const undo = useImportUndo();

  const confirm = () => {
    if (!asking) return;
    const { record, rest } = asking;
    void undo
      .mutateAsync({ importId: record.id, ...(rest ? { skipChanged: true } : {}) })
      .then((done) => {
        const message = done.keptOnUndo
          ? t('import.history.restDone', { file: record.file, count: done.keptOnUndo })
          : t('import.history.undoneDone', { file: record.file });
        notifications.show({ color: 'teal', message });
        onUndone?.();
      }, toldAlready)
      .finally(() => setAsking(null));
  };

  const changed = asking?.rest ? asking.record.changedSince : null;
  const dialog = (
    <Modal
      opened={asking !== null}
      onClose={() => setAsking(null)}
      title={t(changed ? 'import.history.confirmRestTitle' : 'import.history.confirmTitle')}
      centered
    >
      {asking &&
        (changed ? (
          <Stack gap="xs">
            <Text size="sm">{t('import.history.confirmRest', { file: asking.record.file, count: changed.rest })}</Text>
            <Text size="sm">{t('import.history.confirmRestKept', { count: changed.count })}</Text>
          </Stack>
        ) : (
          <Text size="sm">{t('import.history.confirm', { file: asking.record.file })}</Text>
        ))}
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
  return { ask: (record: ImportRecord, rest = false) => setAsking({ record, rest }), dialog };
}
