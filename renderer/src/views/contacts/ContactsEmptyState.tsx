import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileImport, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** What the office manager sees first: no contacts yet, and the one step that comes next. */
export function ContactsEmptyState({ onImport, onNew }: { onImport: () => void; onNew?: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={620} mx="auto" mt="xl" data-testid="contacts-empty">
      <Stack align="center" gap="md" ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconUsers size={30} aria-hidden />
        </ThemeIcon>
        <Title order={3}>{t('contacts.emptyTitle')}</Title>
        <Text c="dimmed">{t('contacts.emptyText')}</Text>
        <Group justify="center">
          <Button leftSection={<IconFileImport size={18} aria-hidden />} onClick={onImport}>
            {t('contacts.emptyAction')}
          </Button>
          {onNew && (
            <Button variant="default" leftSection={<IconUserPlus size={18} aria-hidden />} onClick={onNew}>
              {t('contacts.new')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
