import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { AppError } from './errors';

export const APP_NAME = 'Umzugshelfer';
export const DATABASE_FILE = 'umzugshelfer.sqlite';

interface Environment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

const current = (): Environment => ({ platform: process.platform, env: process.env, home: homedir() });

/**
 * The per-user data folder, computed the way Electron computes `app.getPath('userData')` for an app
 * named Umzugshelfer: %APPDATA%\Umzugshelfer on Windows, ~/Library/Application Support/Umzugshelfer
 * on macOS, $XDG_CONFIG_HOME/Umzugshelfer (default ~/.config) elsewhere. The desktop app, the web
 * host and the CLI all call this, so they open the same database.
 */
export function userDataDir({ platform, env, home }: Environment = current()): string {
  if (platform === 'win32') {
    const appData = env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  }
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.posix.join(home, '.config');
  return path.posix.join(config, APP_NAME);
}

export function defaultDatabasePath(environment: Environment = current()): string {
  const dir = userDataDir(environment);
  return environment.platform === 'win32' ? path.win32.join(dir, DATABASE_FILE) : path.posix.join(dir, DATABASE_FILE);
}

/**
 * `--db <path>` wins over the default; a relative path is taken from the working directory. An empty
 * `--db ""` (a script's unset variable) is refused rather than taken as "the default": it would open
 * the office's real database. So is a file in a folder that does not exist, a typo that would
 * otherwise start an empty database somewhere. The default folder is the app's own and is created
 * when the database is opened.
 */
export function resolveDatabasePath(option: string | undefined): string {
  if (option === undefined) return defaultDatabasePath();
  if (option.trim() === '') throw new AppError('invalid_input', 'errors.database_path_empty');
  const file = path.resolve(option);
  const folder = path.dirname(file);
  if (!isFolder(folder)) throw new AppError('invalid_input', 'errors.database_folder_missing', { folder, path: file });
  return file;
}

function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
