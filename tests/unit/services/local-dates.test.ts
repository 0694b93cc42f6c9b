import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeBirthday } from '../../../electron/importers/dates';
import { dashboard } from '../../../electron/services/dashboard';
import { listContacts } from '../../../electron/services/contacts';
import { renderLetters } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import { setStage, today } from '../../../electron/services/tracking';
import { addDays, formatDate, formatDateTime, localDateOf, localDaysAgo, localToday, mondayOf } from '../../../shared/local-date';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';

// The office computer's clock decides every date. Each case runs at a moment whose local day differs
// from the UTC day: 00:30 in zones ahead of UTC, 23:30 in zones behind it. Node.js reads process.env.TZ
// again whenever it changes, so one test process can stand in Berlin, Auckland and Los Angeles in turn.
const originalZone = process.env.TZ;

afterEach(() => {
  vi.useRealTimers();
  process.env.TZ = originalZone;
});

/** Puts this process in a time zone with the clock at a local wall time (month 1–12); returns the moment. */
function clockAt(zone: string, [year, month, day, hour, minute]: readonly [number, number, number, number, number]): Date {
  process.env.TZ = zone;
  const moment = new Date(year, month - 1, day, hour, minute);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(moment);
  return moment;
}

/**
 * Zones on both sides of UTC, each at a local moment near midnight between a Sunday and a Monday, with
 * the local day and the (different) UTC day: the day, and even the week, differ.
 */
const zones = [
  { zone: 'Europe/Berlin', at: [2026, 11, 30, 0, 30], local: '2026-11-30', utc: '2026-11-29' },
  { zone: 'Europe/Berlin', at: [2026, 6, 29, 1, 30], local: '2026-06-29', utc: '2026-06-28' }, // summer time, UTC+2
  { zone: 'Pacific/Auckland', at: [2026, 11, 30, 0, 30], local: '2026-11-30', utc: '2026-11-29' },
  { zone: 'America/Los_Angeles', at: [2026, 11, 29, 23, 30], local: '2026-11-29', utc: '2026-11-30' },
] as const;

describe.each(zones)('the local date in $zone at $local (UTC already or still $utc)', ({ zone, at, local, utc }) => {
  const setClock = () => clockAt(zone, at);

  it('the clock stands where the case says (Node.js honours TZ changes at run time)', () => {
    const moment = setClock();
    expect(moment.toISOString().startsWith(utc)).toBe(true);
  });

  it('today() is the local day', () => {
    setClock();
    expect(today()).toBe(local);
    expect(localToday()).toBe(local);
  });

  it('a stage step without a date records the local day', () => {
    const session = testSession();
    const id = session.ctx.repos.contacts.insert({ displayName: 'Bernd Schulze' });
    setClock();
    expect(setStage(session.ctx, id, { stage: 'invited', channel: 'whatsapp' }).invitedAt).toBe(local);
    expect(setStage(session.ctx, id, { stage: 'consent_requested' }).letterSentAt).toBe(local);
  });

  it('a consent letter printed now carries the local day', () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const id = session.ctx.repos.contacts.insert({
      displayName: 'Jürgen Müller',
      givenName: 'Jürgen',
      familyName: 'Müller',
      gender: 'male',
      addresses: [{ street: 'Am Lindenhof 12', postalCode: '34131', city: 'Kassel', region: null, country: null, label: null }],
    });
    setClock();
    const html = renderLetters(session.ctx, { ids: [id], form: 'B' }).html();
    expect(html).toContain(formatDate(local, 'de'));
    expect(html).not.toContain(formatDate(utc, 'de'));
  });

  it('the overdue views count the reminder days on the local calendar', () => {
    const session = testSession();
    const { ctx } = session;
    const [invitation, letter] = [14, 21]; // the default reminders
    const contact = (name: string, fields: Parameters<typeof ctx.repos.contacts.updateFields>[1]) => {
      const id = ctx.repos.contacts.insert({ displayName: name });
      ctx.repos.contacts.updateFields(id, fields);
    };
    // One day past the reminder is overdue; exactly the reminder's days is not yet.
    contact('Eingeladen, überfällig', { stage: 'invited', invitedAt: addDays(local, -invitation - 1) });
    contact('Eingeladen, noch nicht überfällig', { stage: 'invited', invitedAt: addDays(local, -invitation) });
    contact('Brief, überfällig', { stage: 'consent_requested', letterSentAt: addDays(local, -letter - 1) });
    contact('Brief, noch nicht überfällig', { stage: 'consent_requested', letterSentAt: addDays(local, -letter) });
    setClock();
    const names = (view: 'invitation_overdue' | 'letter_overdue') =>
      listContacts(ctx, { view, offset: 0, limit: 10, search: '', sort: 'name', descending: false }).rows.map((row) => row.displayName);
    expect(names('invitation_overdue')).toEqual(['Eingeladen, überfällig']);
    expect(names('letter_overdue')).toEqual(['Brief, überfällig']);
    expect(dashboard(ctx).next).toMatchObject({ invitationOverdue: 1, letterOverdue: 1 });
  });

  it('the overview counts a step in the week of its local day', () => {
    const session = testSession();
    const { ctx } = session;
    const id = ctx.repos.contacts.insert({ displayName: 'Bernd Schulze' });
    setStage(ctx, id, { stage: 'invited', channel: 'whatsapp', date: '2026-11-02' });
    const moment = setClock();
    // The step happened at the moment of the case (SQLite writes its own clock's time; set it here).
    const db = new BetterSqlite3(ctx.databasePath);
    db.prepare('UPDATE history SET at = ? WHERE contact_id = ?').run(moment.toISOString(), id);
    db.close();
    expect(dashboard(ctx).progress).toEqual([{ week: mondayOf(local), finished: 0, started: 1 }]);
    expect(mondayOf(local)).not.toBe(mondayOf(utc)); // the case is chosen so that the UTC day is in another week
  });

  it('a moment is shown as its local day and time', () => {
    const moment = setClock();
    const [, , , hour, minute] = at;
    const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    expect(localDateOf(moment.toISOString())).toBe(local);
    expect(formatDateTime(moment.toISOString(), 'de')).toBe(`${formatDate(local, 'de')}, ${time}`);
    expect(formatDate(moment.toISOString(), 'de')).toBe(formatDate(local, 'de'));
  });

  it('an Excel date is the same calendar day in every zone', () => {
    setClock();
    expect(normalizeBirthday('29302')).toBe('1980-03-22');
    expect(normalizeBirthday('45000')).toBe('2023-03-15');
  });
});

describe('local dates: formatting and calendar arithmetic', () => {
  it('formats dates as the office reads them: 04.12.2026, 04/12/2026, a birthday without year as 22.03.', () => {
    expect(formatDate('2026-12-04', 'de')).toBe('04.12.2026');
    expect(formatDate('2026-12-04', 'en')).toBe('04/12/2026');
    expect(formatDate('--03-22', 'de')).toBe('22.03.');
    expect(formatDate('--03-22', 'en')).toBe('22/03');
    expect(formatDate(null, 'de')).toBe('');
    expect(formatDate('EW-2026-1', 'de')).toBe('EW-2026-1');
    // WhatsApp exports write local time without a zone: its day stays, in any zone.
    process.env.TZ = 'Pacific/Auckland';
    expect(formatDate('2024-03-21T23:40:00', 'de')).toBe('21.03.2024');
  });

  it('counts days on the calendar, across the change to summer time', () => {
    // 30.03.2026 00:30 in Berlin is 29.03. 22:30 UTC; 24 hours earlier is already 28.03. there.
    clockAt('Europe/Berlin', [2026, 3, 30, 0, 30]);
    expect(localDaysAgo(1)).toBe('2026-03-29');
    expect(localDaysAgo(0)).toBe('2026-03-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday belongs to the week before
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });
});
