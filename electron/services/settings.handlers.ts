import type { settingsRequests } from '../../shared/contract/settings';
import type { HandlerMap } from './handler-types';
import { getSettings, updateSettings } from './settings';

export const settingsHandlers: HandlerMap<typeof settingsRequests> = {
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, patch) => updateSettings(ctx, patch),
};
