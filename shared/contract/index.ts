import type { z } from 'zod';
import type { Result } from '../result';
import { appRequests } from './app';
import { backupRequests } from './backups';
import { consentRequests } from './consents';
import { contactRequests } from './contacts';
import { dashboardRequests } from './dashboard';
import { evidenceRequests } from './evidence';
import { importRequests } from './import';
import type { RequestNameList } from './names';
import { exportRequests } from './export';
import { invitationRequests } from './invitations';
import { letterRequests } from './letters';
import { phoneRequests } from './phones';
import { profileRequests } from './profile';
import { reportRequests } from './report';
import { scanRequests } from './scans';
import { settingsRequests } from './settings';
import { templateRequests } from './templates';

export { ipcChannel, isRequestName, requestNames } from './names';

/**
 * The one list of every request the UI can make. Each domain declares its own map in
 * shared/contract/<domain>.ts, answered by the handler map of the same name,
 * electron/services/<domain>.handlers.ts; they are merged here (and in electron/services/handlers.ts),
 * and every adapter (Electron IPC, loopback host, CLI) sends exactly these names through one dispatch.
 */
export const contract = {
  ...appRequests,
  ...settingsRequests,
  ...backupRequests,
  ...profileRequests,
  ...letterRequests,
  ...invitationRequests,
  ...templateRequests,
  ...exportRequests,
  ...contactRequests,
  ...consentRequests,
  ...evidenceRequests,
  ...dashboardRequests,
  ...importRequests,
  ...phoneRequests,
  ...reportRequests,
  ...scanRequests,
};

export type Contract = typeof contract;
export type RequestName = keyof Contract;
/** What a caller may send (before defaults are filled in). */
export type RequestInput<K extends RequestName> = z.input<Contract[K]['input']>;
/** What a handler receives (after validation and defaults). */
export type ValidInput<K extends RequestName> = z.output<Contract[K]['input']>;
export type RequestOutput<K extends RequestName> = z.output<Contract[K]['output']>;

// The plain name list in names.ts must match the contract exactly, in both directions.
type Missing = Exclude<RequestName, RequestNameList>;
type Extra = Exclude<RequestNameList, RequestName>;
/** @public A check for the compiler only. */
export const namesMatchContract: [Missing, Extra] extends [never, never] ? true : never = true;

/** The function every transport offers the renderer: names and arguments are checked by the compiler. */
export type Send = <K extends RequestName>(name: K, input: RequestInput<K>) => Promise<Result<RequestOutput<K>>>;
