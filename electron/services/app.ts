import packageJson from '../../package.json';
import type { AppInfo } from '../../shared/contract/app';
import type { ServiceContext } from './context';

export const appVersion: string = packageJson.version;

export const appInfo = (ctx: ServiceContext): AppInfo => ({
  name: 'Umzugshelfer',
  version: appVersion,
  adapter: ctx.adapter,
  databasePath: ctx.databasePath,
  schemaVersion: ctx.schemaVersion,
});
