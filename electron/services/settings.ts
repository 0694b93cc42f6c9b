import { defaultSettings, settingsSchema, type Language, type Settings, type SettingsPatch } from '../../shared/model/settings';
import type { ServiceContext } from './context';

/**
 * The stored settings over the defaults. A stored value that no longer fits the schema (written by an
 * older version, or edited by hand) falls back to its default instead of breaking the app.
 */
export function getSettings(ctx: ServiceContext): Settings {
  const stored = ctx.repos.settings.readAll();
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    const field = settingsSchema.shape[key].safeParse(stored[key]);
    if (field.success) merged[key] = field.data;
  }
  return settingsSchema.parse(merged);
}

export function updateSettings(ctx: ServiceContext, patch: SettingsPatch): Settings {
  ctx.repos.settings.writeMany(patch);
  return getSettings(ctx);
}

/**
 * The language of every message and of every word put into one (stage names, reasons): the adapter's
 * own (the CLI's --lang), else the settings'; German when the settings cannot be read (a broken
 * database must still be reported).
 */
export function messageLanguage(ctx: ServiceContext): Language {
  if (ctx.ownLanguage) return ctx.ownLanguage;
  try {
    return getSettings(ctx).language;
  } catch {
    return 'de';
  }
}
