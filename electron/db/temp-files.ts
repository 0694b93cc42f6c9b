import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Temporary files of the app (uploaded imports, the letters' HTML for the print browser) hold names
 * and addresses. They live beside the database in a folder only this user can open, not in the
 * system's shared temp folder:
 *
 *   <database folder>/umzugshelfer-tmp/            0700
 *     <host>-<pid>-<random>/                        0700, one per process that uses this database
 *       import-XXXXXX/, print-XXXXXX/               0700, one per run, removed when the run ends
 *         files                                     0600
 *
 * A run that is killed (a crash, kill -9, a power cut) cannot remove its folder; the next session on
 * the same database sweeps the folders of processes no longer running. A process's own folder carries
 * its pid, so the CLI started while the desktop app runs leaves the app's live folders alone, and its
 * computer (a database in a folder two office PCs share: a pid says nothing about the other PC's
 * processes, so their folders are swept only once untouched for a week).
 *
 * Windows ignores the modes; the database folder there lies in the user's profile, which other users
 * cannot open.
 */

/** The folder's name beside the database: distinct, so it never meets a `tmp` of the office's own next to a chosen database. */
export const TEMP_FOLDER_NAME = 'umzugshelfer-tmp';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** `<host>-<pid>-<8 hex>`: a process's folder (`<pid>-<8 hex>` before the host was named: this computer's). */
const PROCESS_FOLDER = /^(?:([0-9a-f]{8})-)?(\d+)-[0-9a-f]{8}$/;

/** This computer, as 8 hex digits of its name (the name itself may hold anything). */
const thisHost = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** How long another computer's folder is left alone: no import or print run takes a week. */
const OTHER_HOST_FOLDER_DAYS = 7;

/** When this process started (the same for every worker thread of it). */
const processStartedAt = Date.now() - process.uptime() * 1000;

/** This process's folder name, the same for every database it opens. */
const ownFolderName = `${thisHost}-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Whether nothing in a folder's top level changed for this many days. */
function untouchedForDays(folder: string, days: number): boolean {
  const limit = Date.now() - days * 24 * 60 * 60 * 1000;
  try {
    return [folder, ...readdirSync(folder).map((name) => path.join(folder, name))].every((entry) => statSync(entry).mtimeMs < limit);
  } catch {
    return false;
  }
}

/** Whether a process with this id is running (signal 0 only asks; EPERM: running, but another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class PrivateTempFolder {
  /** `<database folder>/umzugshelfer-tmp`. */
  readonly root: string;
  /** This process's folder in it (created with the first run). */
  readonly processFolder: string;

  constructor(databasePath: string) {
    this.root = path.join(path.dirname(path.resolve(databasePath)), TEMP_FOLDER_NAME);
    this.processFolder = path.join(this.root, ownFolderName);
  }

  /**
   * A new, empty folder (0700) for one run: an import, a batch of letters. Whoever asked removes it
   * when the run ends (removeRunFolder); one left behind by a killed process is swept at the next start.
   */
  newRunFolder(purpose: 'import' | 'print'): string {
    // Created on every call: an empty folder goes at the end of a session (removeEmptyFolders), and
    // another process may remove the empty root just between its creation and ours: then once more.
    // Folders made here get exactly 0700 (the umask can only take bits away).
    for (let attempt = 1; ; attempt++) {
      try {
        mkdirSync(this.processFolder, { recursive: true, mode: PRIVATE_DIR });
        return mkdtempSync(path.join(this.processFolder, `${purpose}-`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw error;
      }
    }
  }

  /** Removes a run's folder with everything in it, and the folders above it once they are empty. */
  removeRunFolder(folder: string): void {
    removeWithRetries(folder);
    this.removeEmptyFolders();
  }

  /** Removes a folder inside a run (an import job's uploads) with everything in it, see removeWithRetries. */
  removeFolder(folder: string): void {
    removeWithRetries(folder);
  }

  /**
   * Removes this process's folder and the root when nothing is under way in them (after a run, at the
   * end of a session), so no empty folder stays beside the database.
   */
  removeEmptyFolders(): void {
    for (const folder of [this.processFolder, this.root]) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty (a run of this or another process is under way), or not there: both are fine.
      }
    }
  }

  /**
   * Removes what processes that are no longer running left here: folders whose pid is gone, and
   * folders with this process's pid that are older than this process (an earlier one that had the
   * same pid). Folders of running processes stay. Returns how many folders went.
   */
  sweep(): number {
    let entries: string[];
    try {
      entries = readdirSync(this.root);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of entries) {
      const match = PROCESS_FOLDER.exec(name);
      if (!match || name === ownFolderName) continue;
      const folder = path.join(this.root, name);
      const host = match[1] ?? thisHost;
      if (host === thisHost ? !this.isLeftBehind(Number(match[2]), folder) : !untouchedForDays(folder, OTHER_HOST_FOLDER_DAYS)) continue;
      try {
        removeWithRetries(folder);
        removed++;
      } catch {
        // A folder that cannot be removed (a read-only medium) must not keep the database from opening.
      }
    }
    return removed + sweepLegacySystemTemp();
  }

  private isLeftBehind(pid: number, folder: string): boolean {
    if (pid !== process.pid) return !isRunning(pid);
    // Our pid, but not our folder: another copy of this module in this process (test workers) made it
    // after this process started; one from before was left by an earlier process with the same pid.
    try {
      return statSync(folder).mtimeMs < processStartedAt - 1000;
    } catch {
      return false;
    }
  }
}

/**
 * Removes a folder with everything in it. On Windows a file that another thread or program still has
 * open (the import reader's worker, a virus scanner) cannot be removed for a moment (EBUSY, EPERM):
 * Node tries again, up to five times with growing pauses (1.5 s in all), as it does for a process
 * that has run out of file handles (EMFILE).
 */
export function removeWithRetries(folder: string): void {
  rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/** Writes a temporary file only this user can read (0600); it must not exist yet. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE, flag: 'wx' });
}

/**
 * Folders earlier versions left in the system's temp folder: uploads in umzugshelfer-import-<pid>-…
 * (swept when that process is gone) and print runs in umzugshelfer-print-… (no pid; a run writes its
 * folder every few seconds, so one untouched for an hour is over).
 */
const LEGACY_IMPORT = /^umzugshelfer-import-(\d+)-[0-9a-f]{8}$/;
const LEGACY_PRINT = /^umzugshelfer-print-[A-Za-z0-9]{6}$/;
const LEGACY_PRINT_IDLE_MS = 60 * 60 * 1000;

function sweepLegacySystemTemp(): number {
  const temp = tmpdir();
  let entries: string[];
  try {
    entries = readdirSync(temp);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of entries) {
    const folder = path.join(temp, name);
    const importMatch = LEGACY_IMPORT.exec(name);
    let leftBehind = false;
    if (importMatch) leftBehind = Number(importMatch[1]) !== process.pid && !isRunning(Number(importMatch[1]));
    else if (LEGACY_PRINT.test(name)) {
      try {
        leftBehind = statSync(folder).mtimeMs < Date.now() - LEGACY_PRINT_IDLE_MS;
      } catch {
        leftBehind = false;
      }
    }
    if (!leftBehind) continue;
    try {
      rmSync(folder, { recursive: true, force: true });
      removed++;
    } catch {
      // Another user's folder in a shared /tmp: not ours to remove.
    }
  }
  return removed;
}

/**
 * The temporary file writeFileAtomically writes first: `.<name>.umzugshelfer-<pid>-<8 hex>.tmp` beside
 * the target, so a leftover of a crashed process can be told from anything else in the folder.
 */
const ATOMIC_TEMPORARY = /^\..+\.umzugshelfer-(\d+)-[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files that writeFileAtomically left in a folder when its process died (a crash,
 * a power cut) between writing and renaming: they may hold a whole letters PDF or vCard. Those of
 * running processes (this one, another export under way) stay.
 */
function removeLeftoverTemporaries(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(ATOMIC_TEMPORARY.exec(name)?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || pid === process.pid || isRunning(pid)) continue;
    rmSync(path.join(folder, name), { force: true });
  }
}

/**
 * Flushes a folder's entries to the disk, so that a rename in it survives a power cut. Windows cannot
 * open a folder as a file (EISDIR) nor flush one (EPERM); some file systems cannot flush one either
 * (EINVAL, ENOTSUP): the rename is done, there is nothing more to do there.
 */
function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const unsupported =
      ['EINVAL', 'ENOTSUP'].includes(code) || (process.platform === 'win32' && ['EISDIR', 'EPERM', 'EACCES'].includes(code));
    if (!unsupported) throw error;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The permission bits of an existing file, or null when there is none. */
function modeOfExisting(file: string): number | null {
  try {
    return statSync(file).mode & 0o7777;
  } catch {
    return null;
  }
}

/**
 * Writes a file the office asked for (the letters' PDF, the consented contacts' vCard) so that it is
 * either whole or not there: into a temporary file beside it (the same folder, so the rename cannot
 * cross disks), flushed to the disk, then renamed over the old one, and the folder flushed too. A full
 * disk leaves the old file as it was, and no temporary one. The new file keeps the old one's
 * permissions; a new one is 0600 (the files hold names, addresses and numbers). The temporary file is
 * 0600 until it is complete, whatever the umask.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const folder = path.dirname(file);
  removeLeftoverTemporaries(folder);
  const mode = modeOfExisting(file) ?? PRIVATE_FILE;
  const temporary = path.join(folder, `.${path.basename(file)}.umzugshelfer-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temporary, 'wx', PRIVATE_FILE);
    writeFileSync(fd, data);
    // Exactly the old file's mode: the umask could only have taken bits away from a mode given to open().
    if (mode !== PRIVATE_FILE) fchmodSync(fd, mode);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, file);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(folder);
}
