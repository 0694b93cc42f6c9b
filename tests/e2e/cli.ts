import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './host';

/** Runs the built CLI on a database, as a script would; returns its stdout (German: no locale, as LANG=C). */
export const cli = (databasePath: string, ...args: string[]): string =>
  execFileSync(process.execPath, [path.join(root, 'out', 'cli', 'index.cjs'), ...args, '--db', databasePath], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '' },
  });

/** Writes this text to a file in a temp folder for `use`, and removes the folder afterwards. */
function withTempFile(name: string, text: string, use: (file: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-e2e-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports a CSV text into a database through the CLI (as the office would through the UI). */
export const importCsv = (databasePath: string, csv: string): void =>
  withTempFile('kontakte.csv', csv, (file) => cli(databasePath, 'import', file, '--json'));

/** A contact as `cli contacts --json` lists it. */
export interface CliContact {
  id: number;
  displayName: string;
  organization: string | null;
  stage: string;
}

/** The contacts of a database, as `cli contacts --json` lists them. */
export const contactsOf = (databasePath: string): CliContact[] => JSON.parse(cli(databasePath, 'contacts', '--json')) as CliContact[];

/** Who the business is (a GmbH in Kassel), without its address and numbers. */
export const schulzeIdentity = {
  name: 'Dachdeckerei Schulze',
  legalForm: 'GmbH',
  representative: 'Bernd Schulze',
  seat: 'Kassel',
  registerCourt: 'Amtsgericht Kassel',
  registerNumber: 'HRB 12345',
  managingDirectors: ['Bernd Schulze'],
};

/** Where and how the business is reached: its address, phone, e-mail and WhatsApp number. */
export const schulzeContact = {
  street: 'Mühlenweg 3',
  postalCode: '34117',
  city: 'Kassel',
  phone: '0561 123456',
  email: 'info@schulze-dach.de',
  state: 'HE',
  whatsappNumber: '+49 171 9876543',
};

/** The business profile most e2e tests print letters with: a GmbH in Kassel, everything a letter needs. */
export const schulzeProfile = { ...schulzeIdentity, ...schulzeContact };

/** Sets the business profile through the CLI (`profile --set`), as the office would fill it in. */
export const setProfile = (databasePath: string, profile: Record<string, unknown>): void =>
  withTempFile('profil.json', JSON.stringify(profile), (file) => cli(databasePath, 'profile', '--set', file));
