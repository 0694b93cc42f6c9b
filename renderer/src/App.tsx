import { AppShell, Badge, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { Suspense, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showMessageLeftBeforeReload } from './after-reload';
import { FileDropProvider } from './file-drop';
import { useRoute } from './hooks/useRoute';
import { lazyView, PageErrorBoundary, PageLoading } from './lazy-view';
import { useBinCount } from './queries/contacts';
import { useSettings } from './queries/settings';
import { hashFor, routes, type RouteKey } from './routes';
import { contactViews } from '../../shared/model/contact-terms';
import { SelectionHandoffProvider } from './selection-handoff';
import { ContactsView } from './views/contacts/ContactsView';
import type { SettingsTab } from './views/settings/SettingsView';

/**
 * Kontakte is the start page and comes with the first download; every other page is loaded when it is
 * first opened, so the app starts with less to read (issue 20).
 */
const BinView = lazyView(() => import('./views/bin/BinView'), 'BinView');
const DashboardView = lazyView(() => import('./views/dashboard/DashboardView'), 'DashboardView');
const HelpView = lazyView(() => import('./views/help/HelpView'), 'HelpView');
const ImportView = lazyView(() => import('./views/import/ImportView'), 'ImportView');
const LettersView = lazyView(() => import('./views/letters/LettersView'), 'LettersView');
const InvitationsView = lazyView(() => import('./views/invitations/InvitationsView'), 'InvitationsView');
const PhoneCheckView = lazyView(() => import('./views/phones/PhoneCheckView'), 'PhoneCheckView');
const ReturnFormsView = lazyView(() => import('./views/return-forms/ReturnFormsView'), 'ReturnFormsView');
const SettingsView = lazyView(() => import('./views/settings/SettingsView'), 'SettingsView');

/** The tabs of Einstellungen by their name in the address (#/einstellungen?tab=sicherung). */
const settingsTabs: Record<string, SettingsTab> = { betrieb: 'business', sicherung: 'backups', firmenhandys: 'phones' };

interface ViewProps {
  route: RouteKey;
  params: URLSearchParams;
  navigate: (key: RouteKey, params?: Record<string, string>) => void;
}

function CurrentView({ route, params, navigate }: ViewProps) {
  const showImported = (importId: number) => navigate('contacts', { import: String(importId) });
  switch (route) {
    case 'contacts': {
      const importId = Number(params.get('import')) || undefined;
      const view = contactViews.find((candidate) => candidate === params.get('view'));
      return (
        <ContactsView
          key={`${importId ?? ''}-${view ?? ''}`}
          importId={importId}
          view={view}
          onImport={() => navigate('import')}
          onClearFilter={() => navigate('contacts')}
          onInvite={() => navigate('invitations')}
          onLetters={() => navigate('letters')}
        />
      );
    }
    case 'dashboard':
      return (
        <DashboardView
          onShow={(view) => navigate('contacts', { view })}
          onPhones={() => navigate('settings', { tab: 'firmenhandys' })}
          onBackups={() => navigate('settings', { tab: 'sicherung' })}
        />
      );
    case 'import':
      return <ImportView onShowContacts={showImported} />;
    case 'bin':
      return <BinView onContacts={() => navigate('contacts')} />;
    case 'settings': {
      const tab = settingsTabs[params.get('tab') ?? ''] ?? 'general';
      // Keyed like the other views: a link to the other tab (#/einstellungen?tab=betrieb) opens it afresh.
      return <SettingsView key={tab} initialTab={tab} onPhoneCheck={(phoneId) => navigate('phoneCheck', { handy: String(phoneId) })} />;
    }
    case 'phoneCheck': {
      const phoneId = Number(params.get('handy'));
      return (
        <PhoneCheckView
          key={params.get('handy') ?? ''}
          initialPhoneId={Number.isInteger(phoneId) && phoneId > 0 ? phoneId : null}
          onLetters={() => navigate('letters')}
        />
      );
    }
    case 'invitations':
      return (
        <InvitationsView
          onContacts={() => navigate('contacts')}
          onLetters={() => navigate('letters', { kind: 'invitation' })}
          onImport={() => navigate('import')}
        />
      );
    case 'help':
      return <HelpView />;
    case 'returnForms':
      return <ReturnFormsView />;
    case 'letters':
      return (
        <LettersView
          key={params.get('kind') ?? ''}
          initialKind={params.get('kind') === 'invitation' ? 'invitation' : 'consent'}
          onContacts={() => navigate('contacts')}
          onProfile={() => navigate('settings', { tab: 'betrieb' })}
          onImport={() => navigate('import')}
        />
      );
  }
}

export function App() {
  const { t } = useTranslation();
  // Observed for the app's whole life: the settings are read once at the start (applying the language) and kept for every view.
  useSettings();
  // After a restore the app is loaded afresh; what was restored is said once it is back.
  useEffect(showMessageLeftBeforeReload, []);
  const binCount = useBinCount().data ?? 0;
  const [route, navigate, params] = useRoute();
  // A file dropped on the window is a contact list to import, except on the pages that take files
  // themselves: the Handy-Abgleich (an address book) and "Rückläufer einlesen" (scanned forms).
  const takesOwnFiles = route === 'phoneCheck' || route === 'returnForms';
  const onDrop = useCallback(() => !takesOwnFiles && navigate('import'), [navigate, takesOwnFiles]);
  const dropLabel =
    route === 'phoneCheck'
      ? t('phoneCheck.dropAnywhere')
      : route === 'returnForms'
        ? t('returnFormsView.dropAnywhere')
        : t('import.dropAnywhere');

  return (
    <SelectionHandoffProvider>
      <FileDropProvider onDrop={onDrop} label={dropLabel}>
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
                rightSection={
                  key === 'bin' && binCount > 0 ? (
                    <Badge size="sm" variant="light" color="gray">
                      {binCount}
                    </Badge>
                  ) : undefined
                }
                active={route === key}
                aria-current={route === key ? 'page' : undefined}
              />
            ))}
          </AppShell.Navbar>
          <AppShell.Main>
            <PageErrorBoundary key={`${route}?${params}`}>
              <Suspense fallback={<PageLoading />}>
                <CurrentView route={route} params={params} navigate={navigate} />
              </Suspense>
            </PageErrorBoundary>
          </AppShell.Main>
        </AppShell>
      </FileDropProvider>
    </SelectionHandoffProvider>
  );
}
