import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noteRequest, timeSlices } from '../../../electron/db/time-slices';
import { testSession } from '../../helpers/session';

// Long work on the main thread (an import planned or written, an export) gives way to the UI's
// requests between slices. The clock is faked: what is tested is when a slice ends, not how fast.

beforeEach(() => {
  // The faked clock starts at 0 in every test: no request noted by an earlier one counts.
  vi.useFakeTimers({ toFake: ['performance'] });
  noteRequest(Number.NEGATIVE_INFINITY);
  vi.advanceTimersByTime(60_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Milliseconds of work (in steps of one) until the slice gives way. */
async function sliceLength(pause = timeSlices()): Promise<number> {
  for (let worked = 1; worked <= 100; worked += 1) {
    vi.advanceTimersByTime(1);
    const turn = pause();
    if (turn !== undefined) {
      await turn;
      return worked;
    }
  }
  return Number.POSITIVE_INFINITY;
}

describe('time slices', () => {
  it('are 10 ms long, and 3 ms while the office has asked for something within the last second', async () => {
    const pause = timeSlices();
    expect(await sliceLength(pause)).toBe(10);
    noteRequest();
    expect(await sliceLength(pause)).toBe(3);
    expect(await sliceLength(pause)).toBe(3);
    // A second after the request: long slices again.
    vi.advanceTimersByTime(1000);
    expect(await sliceLength(pause)).toBe(1);
    expect(await sliceLength(pause)).toBe(10);
  });

  it('stay long after the request that started the work (it waits for the work’s end anyway)', async () => {
    noteRequest();
    const pause = timeSlices();
    expect(await sliceLength(pause)).toBe(10);
    noteRequest();
    expect(await sliceLength(pause)).toBe(3);
  });

  it('are shortened by the office’s requests through dispatch, not by the import’s progress polls', async () => {
    const { dispatch } = testSession();
    const pause = timeSlices();
    const job = await dispatch('import.status', { jobId: 'unbekannt' });
    expect(job.ok).toBe(false);
    expect(await dispatch('letters.status', { jobId: 'unbekannt' })).toMatchObject({ ok: false });
    expect(await sliceLength(pause)).toBe(10);
    expect(await dispatch('contacts.count', {})).toMatchObject({ ok: true });
    expect(await sliceLength(pause)).toBe(3);
  });
});
