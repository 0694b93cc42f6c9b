import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The foot of a dialog: what went wrong (if anything), Cancel, and the dialog's own button. */
export function DialogActions({ error, onCancel, children }: { error?: string; onCancel: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('detail.cancel')}
        </Button>
        {children}
      </Group>
    </>
  );
}
