import { Center, Loader } from '@mantine/core';
import { Component, type ComponentType, lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './components/ErrorNotice';

/** A page's component from a module loaded on first use (React.lazy wants a default export; the views export by name). */
export function lazyView<Name extends string, Props>(load: () => Promise<Record<Name, ComponentType<Props>>>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** While a page's code arrives (over the loopback or from the app's files: a few dozen milliseconds). */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center h={200}>
      <Loader size="sm" aria-label={t('app.loading')} />
    </Center>
  );
}

function PageFailed() {
  const { t } = useTranslation();
  return <ErrorNotice message={t('app.pageFailed')} onRetry={() => window.location.reload()} retryLabel={t('app.reload')} />;
}

/**
 * A page that could not be shown (its code did not load: `npm run serve` rebuilt the app meanwhile,
 * or the host stopped; or it failed while drawing) says so in its place, with a way to load the app
 * again, instead of leaving the whole window blank. The navigation stays usable; keyed by the page,
 * so another page starts afresh.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('A page failed', error);
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}
