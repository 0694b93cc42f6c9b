import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const root = path.resolve(import.meta.dirname, '..', '..');

export interface ServeProcess {
  url: string;
  origin: string;
  /** The launch code of the printed address (?token=…): the page trades it for the API token once. */
  token: string;
  port: number;
  stop: () => Promise<void>;
}

/** Starts a command that prints the host's address on stdout, and waits for that line. */
export function startServeProcess(command: string, args: string[]): Promise<ServeProcess> {
  const child: ChildProcess = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      // The whole group: `npm run serve` starts node as a child of its own.
      if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`host did not print its address:\n${stderr}`));
    }, 60_000);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${stderr}`)));
    // npm prints its own banner first; the host's line is the one with the address.
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(line.trim())) return;
      lines.removeAllListeners('line');
      clearTimeout(timer);
      const url = new URL(line.trim());
      resolve({
        url: url.toString(),
        origin: url.origin,
        token: url.searchParams.get('token') ?? '',
        port: Number(url.port),
        stop,
      });
    });
  });
}

/** The built host, straight from node: faster than going through npm for most tests. */
export const startHost = (databasePath: string, port = 0) =>
  startServeProcess(process.execPath, [path.join(root, 'out', 'host', 'serve.cjs'), '--db', databasePath, '--port', String(port)]);

export function tempDatabase(): { path: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-e2e-'));
  return { path: path.join(dir, 'e2e.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
