import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RouteKey } from '../routes';
import { useSelectionHandoff } from '../selection-handoff';

/** A section whose work arrives with a later release: it says what will happen here. */
export function PlaceholderView({ route }: { route: RouteKey }) {
  const { t } = useTranslation();
  const { selection } = useSelectionHandoff();
  return (
    <Stack maw={640}>
      <Title order={2}>{t(`nav.${route}`)}</Title>
      <Text c="dimmed">{t(`placeholder.${route}`)}</Text>
      {selection && (route === 'invitations' || route === 'letters') && <Text>{t('placeholder.selected', { count: selection.count })}</Text>}
    </Stack>
  );
}
