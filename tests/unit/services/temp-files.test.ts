import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrivateTempFolder, TEMP_FOLDER_NAME } from '../../../electron/db/temp-files';
import { testSession } from '../../helpers/session';
import { childScript, sourcePath } from '../../helpers/child-script';
import { tempDatabasePath, tempDir } from '../../helpers/temp';

const modeOf = (file: string) => statSync(file).mode & 0o777;
const systemTempImports = () => readdirSync(tmpdir()).filter((name) => name.startsWith('umzugshelfer-import-'));

/** Every file below a folder, with its path. */
function filesBelow(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** A pid that belonged to a process which has ended. */
function deadPid(): number {
  const ended = spawnSync(process.execPath, ['-e', '']);
  return ended.pid!;
}

describe('temporary files of imports', () => {
  it('go to the database’s private temp folder: folders 0700, files 0600, removed when the job ends and when the session closes', async () => {
    const databasePath = tempDatabasePath();
    const session = testSession(databasePath);
    const before = systemTempImports();
    const temp = session.ctx.tempFolder;
    expect(temp.root).toBe(path.join(path.dirname(databasePath), TEMP_FOLDER_NAME));
    // Nothing is made before anything is uploaded.
    expect(existsSync(temp.root)).toBe(false);

    const job = session.ctx.importJobs.begin([{ name: 'Erika Mustermann.vcf', size: 12 }]);
    await session.ctx.importJobs.upload(job.jobId, 0, 0, Buffer.from('BEGIN:VCARD\n'));
    const [upload] = filesBelow(temp.root);
    expect(upload).toBeDefined();
    expect(readFileSync(upload!, 'utf8')).toBe('BEGIN:VCARD\n');
    expect(modeOf(upload!)).toBe(0o600);
    // Every folder from the database's folder down to the file: only this user can open it.
    const folders: string[] = [];
    for (let folder = path.dirname(upload!); folder !== path.dirname(temp.root); folder = path.dirname(folder)) folders.push(folder);
    expect(folders.at(-1)).toBe(temp.root);
    expect(folders.length).toBe(4); // the job, the import run, this process, the root
    expect(folders.map(modeOf)).toEqual([0o700, 0o700, 0o700, 0o700]);
    expect(systemTempImports()).toEqual(before);

    session.ctx.importJobs.cancel(job.jobId);
    expect(existsSync(path.dirname(upload!))).toBe(false);
    expect(filesBelow(temp.root)).toEqual([]);

    const second = session.ctx.importJobs.begin([{ name: 'Kunden.csv', size: 4 }]);
    await session.ctx.importJobs.upload(second.jobId, 0, 0, Buffer.from('a;b\n'));
    expect(filesBelow(temp.root)).toHaveLength(1);
    session.close();
    expect(existsSync(temp.root)).toBe(false);
  });
});

describe('sweeping what killed runs left behind', () => {
  it('removes the folders of processes no longer running when a session opens, and leaves those of running processes', () => {
    const databasePath = tempDatabasePath();
    const temp = new PrivateTempFolder(databasePath);
    const folder = (name: string) => {
      const made = path.join(temp.root, name, 'print-abc123');
      mkdirSync(made, { recursive: true });
      writeFileSync(path.join(made, 'part-1.html'), '<p>Erika Mustermann, Hauptstraße 5, 34119 Kassel</p>');
      return path.join(temp.root, name);
    };
    const dead = folder(`${deadPid()}-deadbeef`);
    // The test runner that started this process is running: e.g. the desktop app while the CLI starts.
    const running = folder(`${process.ppid}-0badcafe`);
    // This process's pid, older than this process: an earlier process that had the same pid.
    const earlierSamePid = folder(`${process.pid}-12345678`);
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(earlierSamePid, anHourAgo, anHourAgo);
    // This process's pid, made since it started: another copy of the module in this process.
    const sameProcess = folder(`${process.pid}-87654321`);
    // Another office PC using the same database folder: its pid means nothing here. A live run stays;
    // one untouched for eight days was left by a run that died there.
    const otherHostLive = folder(`0badc0de-${deadPid()}-01234567`);
    const otherHostOld = folder(`0badc0de-${deadPid()}-76543210`);
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    for (const entry of [path.join(otherHostOld, 'print-abc123'), otherHostOld]) utimesSync(entry, eightDaysAgo, eightDaysAgo);
    // Not a folder of the app's: left alone.
    const foreign = path.join(temp.root, 'README.txt');
    writeFileSync(foreign, 'nicht von uns');

    testSession(databasePath);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(earlierSamePid)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(existsSync(sameProcess)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    expect(existsSync(otherHostLive)).toBe(true);
    expect(existsSync(otherHostOld)).toBe(false);
  });

  it('never fails the opening of the database over a folder it cannot read', () => {
    const databasePath = tempDatabasePath();
    // A file where the folder would be: nothing to sweep, nothing thrown.
    writeFileSync(path.join(path.dirname(databasePath), TEMP_FOLDER_NAME), '');
    expect(() => testSession(databasePath)).not.toThrow();
  });
});

/** A child process that writes its second argument's file with writeFileAtomically (1 MB of "A"). */
let writerScript: Promise<string> | null = null;
function atomicWriter(): Promise<string> {
  writerScript ??= childScript(
    `const { writeFileAtomically } = require(${sourcePath('electron/db/temp-files.ts')});
          try { writeFileAtomically(process.argv[2], Buffer.alloc(1024 * 1024, 0x41)); console.log('written'); }
          catch (error) { console.log(error.code); }`,
    'write',
  );
  return writerScript;
}

describe('writing a file whole or not at all', () => {
  it('leaves the earlier file as it was, and no temporary file, when the disk takes only part of the new one', async () => {
    // A child process with a file size limit: its writes stop part way with EFBIG, as on a full disk.
    const script = await atomicWriter();
    const work = tempDir();
    const out = path.join(work, 'briefe.pdf');
    writeFileSync(out, '%PDF- the earlier letters');
    const limited = execFileSync('sh', ['-c', `ulimit -f 64 && exec "${process.execPath}" "${script}" "${out}"`], { encoding: 'utf8' });
    expect(limited.trim()).toBe('EFBIG');
    expect(readFileSync(out, 'utf8')).toBe('%PDF- the earlier letters');
    expect(readdirSync(work)).toEqual(['briefe.pdf']);

    expect(execFileSync(process.execPath, [script, out], { encoding: 'utf8' }).trim()).toBe('written');
    expect(statSync(out).size).toBe(1024 * 1024);
    expect(readdirSync(work)).toEqual(['briefe.pdf']);
  });

  it('keeps the permissions of the file it replaces, and makes a new one 0600, whatever the umask', async () => {
    const script = await atomicWriter();
    const work = tempDir();
    const write = (file: string) =>
      execFileSync('sh', ['-c', `umask 022 && exec "${process.execPath}" "${script}" "${file}"`], { encoding: 'utf8' }).trim();
    const fresh = path.join(work, 'firmenhandy.vcf');
    expect(write(fresh)).toBe('written');
    expect(modeOf(fresh)).toBe(0o600);
    // The office let its colleagues read the earlier export, or write it (the umask would take that away).
    for (const mode of [0o640, 0o664, 0o600]) {
      const earlier = path.join(work, `export-${mode.toString(8)}.vcf`);
      writeFileSync(earlier, 'BEGIN:VCARD');
      chmodSync(earlier, mode);
      expect(write(earlier)).toBe('written');
      expect(modeOf(earlier)).toBe(mode);
      expect(statSync(earlier).size).toBe(1024 * 1024);
    }
  });

  it('writes a recognisable temporary file, 0600, flushes it, renames it, then flushes the folder', async () => {
    const script = await atomicWriter();
    const work = tempDir();
    const out = path.join(work, 'briefe.pdf');
    const trace = path.join(tempDir(), 'trace.txt');
    execFileSync('strace', ['-f', '-qq', '-e', 'trace=openat,fsync,rename,renameat,renameat2', '-o', trace, process.execPath, script, out]);
    const calls = readFileSync(trace, 'utf8')
      .split('\n')
      .map((line) => line.replace(/^\d+\s+/, ''));
    const created = calls.findIndex((call) => call.startsWith(`openat(AT_FDCWD, "${work}/.briefe.pdf.umzugshelfer-`));
    expect(calls[created]).toMatch(
      new RegExp(
        `^openat\\(AT_FDCWD, "${work}/\\.briefe\\.pdf\\.umzugshelfer-\\d+-[0-9a-f]{8}\\.tmp", O_WRONLY\\|O_CREAT\\|O_EXCL[A-Z_|]*, 0600\\) = (\\d+)$`,
      ),
    );
    const fileFd = /= (\d+)$/.exec(calls[created]!)![1];
    const renamed = calls.findIndex((call) => /^rename(at2?)?\(/.test(call) && call.includes(`"${out}"`));
    expect(calls.slice(created, renamed).some((call) => call.startsWith(`fsync(${fileFd})`))).toBe(true);
    const folderOpened = calls.findIndex((call, index) => index > renamed && call.startsWith(`openat(AT_FDCWD, "${work}", O_RDONLY`));
    expect(renamed).toBeGreaterThan(created);
    expect(folderOpened).toBeGreaterThan(renamed);
    const folderFd = /= (\d+)$/.exec(calls[folderOpened]!)![1];
    expect(calls.slice(folderOpened).some((call) => call.startsWith(`fsync(${folderFd})`))).toBe(true);
  });

  it('removes the temporary files that writers which died before their rename left in the folder, and no others', async () => {
    const script = await atomicWriter();
    const work = tempDir();
    const leftover = (pid: number, name = 'briefe.pdf') => {
      const file = path.join(work, `.${name}.umzugshelfer-${pid}-0badcafe.tmp`);
      writeFileSync(file, '%PDF- Erika Mustermann, Hauptstraße 5');
      return file;
    };
    const ofDeadWriter = leftover(deadPid());
    const ofOtherFile = leftover(deadPid(), 'firmenhandy.vcf');
    // A writer under way (the test runner stands for it), and files that are not the app's.
    const underWay = leftover(process.ppid);
    const foreign = [path.join(work, '.briefe.pdf.12345.tmp'), path.join(work, 'notizen.tmp')];
    for (const file of foreign) writeFileSync(file, 'nicht von uns');

    expect(execFileSync(process.execPath, [script, path.join(work, 'briefe.pdf')], { encoding: 'utf8' }).trim()).toBe('written');
    expect(existsSync(ofDeadWriter)).toBe(false);
    expect(existsSync(ofOtherFile)).toBe(false);
    expect(existsSync(underWay)).toBe(true);
    for (const file of foreign) expect(existsSync(file)).toBe(true);
  });
});

describe('removing an import job’s files', () => {
  it('tries again while its folder cannot be removed for a moment, instead of failing the cancel', async () => {
    // On Windows a file the reader's worker thread still has open cannot be removed for a moment
    // (EBUSY). Linux removes open files at once, so a thread plays the part: for 300 ms it keeps putting
    // files into the job's folder, and the folder's removal fails (ENOTEMPTY) until it takes them away.
    // Node retries EBUSY, EPERM and ENOTEMPTY alike when told to.
    const work = tempDir();
    const script = await childScript(
      `const { ImportJobs } = require(${sourcePath('electron/services/import-jobs.ts')});
          const { PrivateTempFolder } = require(${sourcePath('electron/db/temp-files.ts')});
          const { Worker } = require('node:worker_threads');
          const { existsSync, readdirSync } = require('node:fs');
          const path = require('node:path');
          (async () => {
            const temp = new PrivateTempFolder(process.argv[2]);
            const jobs = new ImportJobs(temp);
            const job = jobs.begin([{ name: 'Kunden.csv', size: 4 }]);
            await jobs.upload(job.jobId, 0, 0, Buffer.from('a;b\\n'));
            const [run] = readdirSync(temp.processFolder);
            const folder = path.join(temp.processFolder, run, job.jobId);
            // Puts a new file into the job's folder every millisecond for 300 ms (after 2,000 others, so the
            // removal has listed the folder long before it is through), then takes its files away again.
            const holder = new Worker(\`
              const { closeSync, openSync, rmSync } = require('node:fs');
              const { parentPort, workerData: folder } = require('node:worker_threads');
              for (let i = 0; i < 2000; i++) closeSync(openSync(folder + '/filler-' + i, 'a'));
              parentPort.postMessage('holding');
              const made = [];
              const pause = new Int32Array(new SharedArrayBuffer(4));
              for (const end = Date.now() + 300; Date.now() < end; Atomics.wait(pause, 0, 0, 1)) {
                const file = folder + '/held-' + made.length;
                try { closeSync(openSync(file, 'wx')); made.push(file); } catch {}
              }
              for (const file of made) rmSync(file, { force: true });\`, { eval: true, workerData: folder });
            holder.once('message', () => {
              try {
                jobs.cancel(job.jobId);
                console.log(existsSync(folder) ? 'still there' : 'removed');
              } catch (error) {
                console.log(error.code);
              }
            });
          })();`,
      'cancel',
      ['better-sqlite3'],
    );
    expect(execFileSync(process.execPath, [script, path.join(work, 'test.sqlite')], { encoding: 'utf8' }).trim()).toBe('removed');
  });
});
