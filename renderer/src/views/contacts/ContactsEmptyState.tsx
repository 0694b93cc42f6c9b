import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileImport, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FirstSteps } from '../../components/FirstSteps';

/** What the office manager sees first: no contacts yet, the step that comes next, and the first steps as a checklist. */
export function ContactsEmptyState({ onImport, onNew }: { onImport: () => void; onNew: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack maw={620} mx="auto" mt="xl" data-testid="contacts-empty">
      <Paper withBorder p="xl">
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
            <Button variant="default" leftSection={<IconUserPlus size={18} aria-hidden />} onClick={onNew}>
              {t('contacts.new')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <FirstSteps />
    </Stack>
  );
}
