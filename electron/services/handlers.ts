import type { RequestName } from '../../shared/contract';
import { appHandlers } from './app.handlers';
import { backupHandlers } from './backups.handlers';
import { consentHandlers } from './consents.handlers';
import { contactHandlers } from './contacts.handlers';
import { dashboardHandlers } from './dashboard.handlers';
import { evidenceHandlers } from './evidence.handlers';
import { exportHandlers } from './export.handlers';
import type { Handler } from './handler-types';
import { importHandlers } from './import.handlers';
import { invitationHandlers } from './invitations.handlers';
import { letterHandlers } from './letters.handlers';
import { phoneHandlers } from './phones.handlers';
import { profileHandlers } from './profile.handlers';
import { reportHandlers } from './report.handlers';
import { scanHandlers } from './scans.handlers';
import { settingsHandlers } from './settings.handlers';
import { templateHandlers } from './templates.handlers';

/**
 * Every domain's handler map (electron/services/<domain>.handlers.ts, one per contract file),
 * merged: the compiler refuses a request without its handler.
 */
export const handlers: { [K in RequestName]: Handler<K> } = {
  ...appHandlers,
  ...settingsHandlers,
  ...backupHandlers,
  ...profileHandlers,
  ...letterHandlers,
  ...invitationHandlers,
  ...templateHandlers,
  ...exportHandlers,
  ...contactHandlers,
  ...consentHandlers,
  ...evidenceHandlers,
  ...dashboardHandlers,
  ...importHandlers,
  ...phoneHandlers,
  ...reportHandlers,
  ...scanHandlers,
};
