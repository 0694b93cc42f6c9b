import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetailView } from '../../../../shared/contract/contacts';

interface Props {
  detail: ContactDetailView;
  onMerge: (otherId: number) => void;
  onDismiss: (otherId: number) => void;
}

/** The same number under a different name: merge into this contact, or keep both. */
export function DuplicatesSection({ detail, onMerge, onDismiss }: Props) {
  const { t } = useTranslation();
  const [merging, setMerging] = useState<{ id: number; displayName: string } | null>(null);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('detail.duplicates.intro')}</Text>
      {detail.duplicates.map((other) => (
        <Paper key={other.id} withBorder p="sm">
          <Group justify="space-between">
            <Stack gap={0}>
              <Text fw={600}>{other.displayName}</Text>
              <Text size="sm" c="dimmed" ff="monospace">
                {other.mobile}
              </Text>
            </Stack>
            <Group gap="xs">
              <Button size="xs" onClick={() => setMerging(other)}>
                {t('detail.duplicates.merge')}
              </Button>
              <Button size="xs" variant="default" onClick={() => onDismiss(other.id)}>
                {t('detail.duplicates.dismiss')}
              </Button>
            </Group>
          </Group>
        </Paper>
      ))}
      <Modal opened={merging !== null} onClose={() => setMerging(null)} title={t('detail.duplicates.mergeTitle')} centered>
        <Text size="sm">
          {merging && t('detail.duplicates.mergeText', { other: merging.displayName, keep: detail.contact.displayName })}
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setMerging(null)}>
            {t('detail.cancel')}
          </Button>
          <Button
            onClick={() => {
              if (merging) onMerge(merging.id);
              setMerging(null);
            }}
          >
            {t('detail.duplicates.mergeYes')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
