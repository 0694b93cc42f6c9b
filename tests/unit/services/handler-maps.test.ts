import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import type { RequestSpec } from '../../../shared/contract/define';
import { handlers } from '../../../electron/services/handlers';

// A newcomer follows a request in two hops: shared/contract/<domain>.ts names its handler file,
// electron/services/<domain>.handlers.ts, whose imports lead to the service that does the work.
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const notDomains = new Set(['define.ts', 'index.ts', 'names.ts']);
const domains = readdirSync(path.join(root, 'shared', 'contract'))
  .filter((name) => name.endsWith('.ts') && !notDomains.has(name))
  .map((name) => name.replace(/\.ts$/, ''));

const isSpec = (value: unknown): value is RequestSpec =>
  typeof value === 'object' && value !== null && 'input' in value && 'output' in value && 'writesNothing' in value;

/** The request names a module exports in its maps (a contract file's requests, a handler file's handlers). */
function requestNamesOf(module: Record<string, unknown>, keep: (value: unknown) => boolean): string[] {
  return Object.values(module)
    .filter(
      (value): value is Record<string, unknown> =>
        typeof value === 'object' && value !== null && Object.values(value).length > 0 && Object.values(value).every(keep),
    )
    .flatMap((map) => Object.keys(map))
    .sort();
}

describe('each domain: contract file, handler map and service side by side under one name', () => {
  it('finds the domains', () => {
    expect(domains).toEqual(expect.arrayContaining(['contacts', 'import', 'letters']));
  });

  it.each(domains)('%s: its requests are named after it, and electron/services/%s.handlers.ts answers exactly them', async (domain) => {
    const contractFile = path.join('shared', 'contract', `${domain}.ts`);
    const handlerFile = path.join('electron', 'services', `${domain}.handlers.ts`);
    const requests = requestNamesOf(await import(path.join(root, contractFile)), isSpec);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((name) => !name.startsWith(`${domain}.`))).toEqual([]);
    // The contract file points to its handlers, and they are there.
    expect(readFileSync(path.join(root, contractFile), 'utf8')).toContain(handlerFile.split(path.sep).join('/'));
    expect(existsSync(path.join(root, handlerFile))).toBe(true);
    const answered = requestNamesOf(await import(path.join(root, handlerFile)), (value) => typeof value === 'function');
    expect(answered).toEqual(requests);
  });

  it('together the domains are the whole contract, and dispatch has a handler for each request', async () => {
    const perDomain = await Promise.all(
      domains.map(async (domain) => requestNamesOf(await import(path.join(root, 'shared', 'contract', `${domain}.ts`)), isSpec)),
    );
    expect(perDomain.flat().sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });
});

describe('README: following a request from a button to SQL', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Following a request from a button to SQL'));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Feature') && !line.startsWith('|---'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '')));
  const filesIn = (cell: string) => [...cell.matchAll(/`([\w/.-]+\.tsx?)`/g)].map((match) => match[1]!);

  it("names three features: import a CSV, change a contact's stage, print consent letters", () => {
    expect(rows.map((row) => row[0])).toEqual(['Import a CSV', "Change a contact's stage", 'Print consent letters']);
  });

  it.each(rows.map((row) => [row[0], row] as const))(
    '%s: the handler file answers the requests sent and leads to the service named',
    (_feature, row) => {
      const [, sent, contractCell, handlerCell, serviceCell] = row;
      const requests = [...sent!.matchAll(/`(\w+\.\w+)`/g)].map((match) => match[1]!);
      const [contractFile] = filesIn(contractCell!);
      const [handlerFile] = filesIn(handlerCell!);
      const [serviceFile] = filesIn(serviceCell!);
      const handlerText = readFileSync(path.join(root, handlerFile!), 'utf8');
      const contractText = readFileSync(path.join(root, contractFile!), 'utf8');
      for (const name of requests) {
        expect(contractText).toContain(`'${name}':`);
        expect(handlerText).toContain(`'${name}':`);
      }
      expect(contractText).toContain(handlerFile);
      // The handler imports the service, or (the import job) calls the session's job the service defines.
      const service = path.basename(serviceFile!, '.ts');
      const job = service.endsWith('-jobs') ? `ctx.${service.replace(/-(\w)/g, (_dash, letter: string) => letter.toUpperCase())}.` : null;
      expect(handlerText.includes(`from './${service}'`) || (job !== null && handlerText.includes(job))).toBe(true);
      // Every file the row names is there: paths from the repository's root, bare names beside the one before.
      let folder = '';
      const missing = row.flatMap((cell) =>
        filesIn(cell).filter((file) => {
          const full = file.includes('/') ? file : path.join(folder, file);
          folder = path.dirname(full);
          return !existsSync(path.join(root, full));
        }),
      );
      expect(missing).toEqual([]);
    },
  );
});
