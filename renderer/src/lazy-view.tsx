import { Center, Loader } from '@mantine/core';
import { type ComponentType, lazy } from 'react';
import { useTranslation } from 'react-i18next';

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
