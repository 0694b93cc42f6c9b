import {
  IconAddressBook,
  IconChartBar,
  IconDeviceMobileCheck,
  IconFileImport,
  IconHelp,
  IconMail,
  IconMailbox,
  IconSend,
  IconSettings,
  IconTrash,
  type Icon,
} from '@tabler/icons-react';

export const routeKeys = [
  'contacts',
  'import',
  'invitations',
  'letters',
  'returnForms',
  'phoneCheck',
  'dashboard',
  'bin',
  'settings',
  'help',
] as const;
export type RouteKey = (typeof routeKeys)[number];

/** Navigation entries in the order of the office's work; `path` is the hash (#/kontakte). */
export const routes: { key: RouteKey; path: string; icon: Icon }[] = [
  { key: 'contacts', path: 'kontakte', icon: IconAddressBook },
  { key: 'import', path: 'import', icon: IconFileImport },
  { key: 'invitations', path: 'einladungen', icon: IconSend },
  { key: 'letters', path: 'briefe', icon: IconMail },
  // The signed consent forms that came back, read from a scan (after the letters that sent them out).
  { key: 'returnForms', path: 'ruecklaeufer', icon: IconMailbox },
  { key: 'phoneCheck', path: 'handy-abgleich', icon: IconDeviceMobileCheck },
  { key: 'dashboard', path: 'uebersicht', icon: IconChartBar },
  // Where a deleted contact can be brought back (30 days), with how many lie in it.
  { key: 'bin', path: 'papierkorb', icon: IconTrash },
  { key: 'settings', path: 'einstellungen', icon: IconSettings },
  // Last: what the office looks up, not a step of its work.
  { key: 'help', path: 'hilfe', icon: IconHelp },
];

export const routeFromHash = (hash: string): RouteKey =>
  routes.find((route) => hash.replace(/^#\/?/, '').split(/[/?]/)[0] === route.path)?.key ?? 'contacts';

export const hashFor = (key: RouteKey): string => `#/${routes.find((route) => route.key === key)?.path ?? ''}`;
