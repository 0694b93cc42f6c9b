import type { Session } from '../services/session';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One CLI command: its options are parsed by the CLI, its work done by the services. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  allowPositionals?: boolean;
  /** Returns the exit code: 0 done, 2 input refused. */
  run: (session: Session, args: { values: Record<string, unknown>; positionals: string[] }, io: CliIo) => Promise<number> | number;
}

export class UsageError extends Error {}
