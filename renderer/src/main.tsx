import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { App } from './App';
import { i18n } from './i18n';
import { createQueryClient } from './queries/client';
import { appTheme, cssVariablesResolver } from './theme';
import { UnsavedChangesProvider } from './unsaved-changes';

const queryClient = createQueryClient();

/** Mantine with the app's theme, built again when the language changes (it names the dialogs' close button). */
function Theme({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const closeLabel = t('app.close');
  const theme = useMemo(() => appTheme(closeLabel), [closeLabel]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <Theme>
          {/* Bottom right: at the top they would cover the filters and buttons of the page (issue 19). */}
          <Notifications position="bottom-right" />
          <UnsavedChangesProvider>
            <App />
          </UnsavedChangesProvider>
        </Theme>
      </I18nextProvider>
    </QueryClientProvider>
  </StrictMode>,
);
