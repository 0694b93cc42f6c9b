/**
 * The names of every request, without their schemas: what the preload needs to refuse anything
 * else, without carrying zod into the page's bridge. contract/index.ts checks that this list and
 * the contract agree; the compiler fails if they do not.
 */
export const requestNames = [
  'app.info',
  'settings.get',
  'settings.update',
  'profile.get',
  'profile.update',
  'letters.preview',
  'letters.printDialog',
  'letters.start',
  'letters.status',
  'letters.delivered',
  'invitations.forContact',
  'invitations.queue',
  'templates.get',
  'templates.save',
  'templates.reset',
  'templates.preview',
  'export.consented',
  'export.contacts',
  'contacts.count',
  'contacts.list',
  'contacts.get',
  'contacts.update',
  'contacts.setStage',
  'contacts.setTarget',
  'contacts.tags',
  'contacts.bulk',
  'contacts.stageOptions',
  'contacts.undoBulk',
  'contacts.merge',
  'contacts.keepApart',
  'contacts.undoKeepApart',
  'consents.prepare',
  'consents.record',
  'consents.recordMany',
  'consents.withdraw',
  'evidence.get',
  'dashboard.get',
  'import.begin',
  'import.upload',
  'import.analyse',
  'import.status',
  'import.rows',
  'import.map',
  'import.encoding',
  'import.decide',
  'import.commit',
  'import.cancel',
  'import.history',
  'import.undo',
] as const;

export type RequestNameList = (typeof requestNames)[number];

export const isRequestName = (name: unknown): name is RequestNameList =>
  typeof name === 'string' && (requestNames as readonly string[]).includes(name);

/** The IPC channel of a request; main registers one handler per channel. */
export const ipcChannel = (name: RequestNameList): string => `umzugshelfer:${name}`;
