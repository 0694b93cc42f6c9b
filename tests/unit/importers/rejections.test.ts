import { describe, expect, it } from 'vitest';
import { readFixture } from '../../helpers/fixtures';

describe('files that are refused, with a reason', () => {
  it.each([
    ['empty.vcf', 'empty'],
    ['binary.csv', 'binary'],
    ['report.pdf', 'pdf'],
    ['broken.zip', 'brokenZip'],
    ['notes.txt', 'unknownFormat'],
    ['header-only.csv', 'noRows'],
  ])('%s → %s', async (file, key) => {
    const reading = await readFixture(file);
    expect(reading.rejected).toBe(true);
    expect(reading.issues.map((issue) => issue.key)).toEqual([key]);
    expect(reading.candidates).toEqual([]);
  });
});
