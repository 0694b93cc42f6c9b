import { AppShell, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRoute } from './hooks/useRoute';
import { hashFor, routes, type RouteKey } from './routes';
import { ContactsView } from './views/contacts/ContactsView';
import { PlaceholderView } from './views/PlaceholderView';
import { SettingsView } from './views/settings/SettingsView';

function CurrentView({ route, navigate }: { route: RouteKey; navigate: (key: RouteKey) => void }) {
  switch (route) {
    case 'contacts':
      return <ContactsView onImport={() => navigate('import')} />;
    case 'settings':
      return <SettingsView />;
    default:
      return <PlaceholderView route={route} />;
  }
}

export function App() {
  const { t } = useTranslation();
  const [route, navigate] = useRoute();

  return (
    <AppShell navbar={{ width: 230, breakpoint: 0 }} padding="lg">
      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')}>
        <Stack gap={2} mb="lg" px="xs" pt="xs">
          <Group gap="xs">
            <IconArrowsExchange size={22} aria-hidden />
            <Title order={1} size="h4">
              {t('app.name')}
            </Title>
          </Group>
          <Text size="xs" c="dimmed">
            {t('app.tagline')}
          </Text>
        </Stack>
        {routes.map(({ key, icon: Icon }) => (
          <NavLink
            key={key}
            href={hashFor(key)}
            label={t(`nav.${key}`)}
            leftSection={<Icon size={18} aria-hidden />}
            active={route === key}
            aria-current={route === key ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <CurrentView route={route} navigate={navigate} />
      </AppShell.Main>
    </AppShell>
  );
}
