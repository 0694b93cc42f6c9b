/**
 * A hostile file the import must survive (issue 13): generated on the fly, never stored. The
 * harness (tests/hostile/hostile-import.test.ts) imports each through the CLI in its own process and
 * checks exit code, message, peak memory, time against a normal file of the same size, and that the
 * database is unchanged when the file is refused.
 */
export interface HostileCase {
  /** The file's name as the office would see it (the message must name it). */
  name: string;
  /** What it does to a naive reader. */
  finding: string;
  /** Writes the file into `dir` and returns its path. */
  write(dir: string): string;
  expect: {
    /** Exit code of `cli import`: 2 when the file is refused, 0 when it is imported (with a report). */
    exit: 0 | 2;
    /** Part of the German message (the file's name is checked separately). */
    message: RegExp;
    /** The line the message names, where the file has lines. */
    line?: number;
  };
}
