import { describe, expect, it } from 'vitest';
import { getSettings, updateSettings } from '../../../electron/services/settings';
import { defaultSettings } from '../../../shared/model/settings';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

describe('settings', () => {
  it('start with the defaults: German, region DE, 14 and 21 days', () => {
    expect(getSettings(testSession().ctx)).toEqual(defaultSettings);
  });

  it('change only the fields given and survive reopening the database', () => {
    const file = tempDatabasePath();
    const first = testSession(file);
    expect(updateSettings(first.ctx, { language: 'en', letterReminderDays: 30 })).toEqual({
      ...defaultSettings,
      language: 'en',
      letterReminderDays: 30,
    });
    first.close();
    expect(getSettings(testSession(file).ctx)).toMatchObject({ language: 'en', letterReminderDays: 30, defaultRegion: 'DE' });
  });

  it('fall back to the default for a stored value that no longer fits', () => {
    const session = testSession();
    session.ctx.repos.settings.writeMany({ language: 'klingon', invitationReminderDays: 7 });
    expect(getSettings(session.ctx)).toMatchObject({ language: 'de', invitationReminderDays: 7 });
  });
});
