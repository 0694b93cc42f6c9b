import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, resolveDatabasePath, userDataDir } from '../../../electron/db/paths';

// Electron's app.getPath('userData') is appData + the app's name; these are its appData rules.
describe('default data folder (same as Electron’s userData for “Umzugshelfer”)', () => {
  it('Windows: %APPDATA%\\Umzugshelfer', () => {
    const env = { platform: 'win32' as const, env: { APPDATA: 'C:\\Users\\Anna\\AppData\\Roaming' }, home: 'C:\\Users\\Anna' };
    expect(userDataDir(env)).toBe('C:\\Users\\Anna\\AppData\\Roaming\\Umzugshelfer');
    expect(defaultDatabasePath(env)).toBe('C:\\Users\\Anna\\AppData\\Roaming\\Umzugshelfer\\umzugshelfer.sqlite');
  });

  it('Windows without APPDATA falls back to the roaming folder in the profile', () => {
    expect(userDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\Anna' })).toBe('C:\\Users\\Anna\\AppData\\Roaming\\Umzugshelfer');
  });

  it('macOS: ~/Library/Application Support/Umzugshelfer', () => {
    expect(userDataDir({ platform: 'darwin', env: {}, home: '/Users/anna' })).toBe('/Users/anna/Library/Application Support/Umzugshelfer');
  });

  it('Linux: $XDG_CONFIG_HOME/Umzugshelfer, else ~/.config/Umzugshelfer', () => {
    expect(userDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/data/cfg' }, home: '/home/anna' })).toBe('/data/cfg/Umzugshelfer');
    expect(userDataDir({ platform: 'linux', env: {}, home: '/home/anna' })).toBe('/home/anna/.config/Umzugshelfer');
    expect(userDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'relative' }, home: '/home/anna' })).toBe(
      '/home/anna/.config/Umzugshelfer',
    );
  });

  it('--db wins and is resolved from the working directory', () => {
    expect(resolveDatabasePath('x.db')).toBe(path.resolve('x.db'));
    expect(resolveDatabasePath(undefined)).toBe(defaultDatabasePath());
  });
});
