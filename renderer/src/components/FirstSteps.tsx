import { Anchor, Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type FirstStepKey, useFirstSteps } from '../queries/first-steps';
import { hashFor } from '../routes';
import { ErrorNotice } from './ErrorNotice';

/** Where each step is done: its page (the business profile is a tab of Einstellungen). */
const links: Record<FirstStepKey, { key: string; href: string }[]> = {
  profile: [{ key: 'firstSteps.profile.link', href: `${hashFor('settings')}?tab=betrieb` }],
  contacts: [{ key: 'firstSteps.contacts.link', href: hashFor('import') }],
  reach: [
    { key: 'firstSteps.reach.link', href: hashFor('invitations') },
    { key: 'firstSteps.reach.lettersLink', href: hashFor('letters') },
  ],
};

/**
 * What a new office does first, as a checklist that ticks itself from what is stored: the business
 * filled in, contacts imported, the first letters or invitations sent. Shown on the overview and as
 * the contact list's empty page; nothing once all three are done (or while the answers are on their way).
 */
export function FirstSteps() {
  const { t } = useTranslation();
  const { data, error, retry } = useFirstSteps();
  if (error) return <ErrorNotice message={error.message} onRetry={retry} />;
  if (!data || data.finished) return null;
  return (
    <Paper withBorder p="lg" data-testid="first-steps">
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h4">
            {t('firstSteps.title')}
          </Title>
          <Badge variant="light" size="lg" tt="none" data-testid="first-steps-progress">
            {t('firstSteps.progress', { done: data.done, total: data.steps.length })}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('firstSteps.intro')}
        </Text>
        <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {data.steps.map((step, index) => (
            <Group key={step.key} component="li" wrap="nowrap" align="flex-start" gap="sm" data-testid={`first-step-${step.key}`}>
              <ThemeIcon radius="xl" size={28} variant={step.done ? 'filled' : 'light'} color={step.done ? 'teal' : 'gray'} aria-hidden>
                {step.done ? <IconCheck size={16} /> : <Text size="sm">{index + 1}</Text>}
              </ThemeIcon>
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={600} td={step.done ? 'line-through' : undefined}>
                    {t(`firstSteps.${step.key}.title`)}
                  </Text>
                  <Badge size="sm" variant="light" color={step.done ? 'teal' : 'gray'} tt="none">
                    {step.done ? t('firstSteps.done') : t('firstSteps.open')}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {t(`firstSteps.${step.key}.text`)}
                </Text>
                <Group gap="md">
                  {links[step.key].map((link) => (
                    <Anchor key={link.key} href={link.href} size="sm">
                      {t(link.key)}
                    </Anchor>
                  ))}
                </Group>
              </Stack>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
