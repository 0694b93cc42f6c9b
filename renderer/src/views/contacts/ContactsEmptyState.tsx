import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileImport, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** What the office manager sees first: no contacts yet, and the one step that comes next. */
export function ContactsEmptyState({ onImport }: { onImport: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={620} mx="auto" mt="xl" data-testid="contacts-empty">
      <Stack align="center" gap="md" ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconUsers size={30} aria-hidden />
        </ThemeIcon>
        <Title order={3}>{t('contacts.emptyTitle')}</Title>
        <Text c="dimmed">{t('contacts.emptyText')}</Text>
        <Button leftSection={<IconFileImport size={18} aria-hidden />} onClick={onImport}>
          {t('contacts.emptyAction')}
        </Button>
      </Stack>
    </Paper>
  );
}
