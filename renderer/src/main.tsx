import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { i18n } from './i18n';
import { createQueryClient } from './queries/client';
import { theme } from './theme';
import { UnsavedChangesProvider } from './unsaved-changes';

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          {/* Bottom right: at the top they would cover the filters and buttons of the page (issue 19). */}
          <Notifications position="bottom-right" />
          <UnsavedChangesProvider>
            <App />
          </UnsavedChangesProvider>
        </MantineProvider>
      </I18nextProvider>
    </QueryClientProvider>
  </StrictMode>,
);
