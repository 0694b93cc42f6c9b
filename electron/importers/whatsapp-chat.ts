/**
 * WhatsApp chat exports (Android and iOS, German and English phone settings): who wrote, and when
 * last. They create no contacts; they mark the contacts the office really chats with.
 *
 *   Android  12.03.24, 14:05 - Max Mustermann: Text        3/12/24, 2:05 PM - Max: Text
 *   iOS      [12.03.24, 14:05:33] Max Mustermann: Text    ‎[3/12/24, 2:05:33 PM] ~ Max: Text
 */

import { safeText } from './normalize';

export interface ChatParticipant {
  /** As the export writes the sender: a name from the phone's address book, or a number. */
  sender: string;
  /** Set when the sender is a phone number. */
  phone: string | null;
  messages: number;
  /** ISO date-time of the last message (local time as written, no zone). */
  lastMessageAt: string;
  firstLine: number;
}

const invisible = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const line =
  /^\[?(\d{1,4})[./-](\d{1,2})[./-](\d{1,4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?:[\s\u202f\u00a0]*([AaPp])\.?\s?[Mm]\.?)?\]?(?: -|:)? (.*)$/;

/** True when a text looks like a chat export: several of its first lines carry the time stamp. */
export function looksLikeChat(text: string): boolean {
  const lines = text
    .replace(invisible, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  const stamped = lines.filter((l) => line.test(l) && /^(\[|\d)/.test(l.trim())).length;
  return lines.length > 0 && stamped >= Math.min(3, lines.length) && stamped / lines.length >= 0.5;
}

const messagePattern = /^(?:~[\s\u202f\u00a0]*)?([^:]{1,80}?): (.*)$/;
const pad = (n: number) => String(n).padStart(2, '0');

interface Sender {
  sender: string;
  phone: string | null;
  messages: number;
  firstLine: number;
  /** The last message's time read day first (12.03.) and month first (3/12): which one holds is known at the end. */
  lastDayFirst: string;
  lastMonthFirst: string;
}

/**
 * The senders of a chat, line by line as the file streams (a chat is never one string in memory):
 * each with their number of messages and last date. System lines ("Messages are end-to-end
 * encrypted") have no sender and are skipped; continuation lines belong to the message above.
 * Whether dates are day or month first is only known once every line was seen, so each sender keeps
 * their last time read both ways.
 */
export class ChatReader {
  private readonly senders = new Map<string, Sender>();
  private dayFirstVotes = 0;
  private monthFirstVotes = 0;
  private twelveHour = false;
  private dotted = false;

  addLine(raw: string, lineNumber: number): void {
    const visible = raw.replace(invisible, '').trim();
    const match = line.exec(visible);
    if (!match) return;
    const [, first, second, third, hour, minute, seconds, meridiem, rest] = match;
    const message = messagePattern.exec(rest!);
    if (!message) return;
    if (!this.dotted && visible.includes('.')) this.dotted = /^\[?\d{1,2}\.\d{1,2}\./.test(visible);
    let h = Number(hour);
    if (meridiem) {
      this.twelveHour = true;
      const pm = meridiem.toLowerCase() === 'p';
      h = (h % 12) + (pm ? 12 : 0);
    }
    // 2024-03-12 (ISO, some locales) is read as year, month, day: stored as a = day, b = month.
    const iso = Number(first) > 31;
    const a = iso ? Number(third) : Number(first);
    const b = Number(second);
    if (a > 12 || iso) this.dayFirstVotes += 1;
    if (b > 12) this.monthFirstVotes += 1;
    const shortYear = iso ? Number(first) : Number(third);
    const year = shortYear < 100 ? 2000 + shortYear : shortYear;
    const time = `T${pad(h)}:${pad(Number(minute))}:${pad(Number(seconds ?? 0))}`;
    const dayFirst = `${year}-${pad(b)}-${pad(a)}${time}`;
    const monthFirst = `${year}-${pad(a)}-${pad(b)}${time}`;
    // The sender as the phone showed it, without controls that would reorder it on screen.
    const sender = safeText(message[1]!.replace(/^~[\s\u202f\u00a0]*/, ''), false).trim();
    const known = this.senders.get(sender);
    if (!known) {
      const isNumber = /^\+?[\d\s\u202f\u00a0()/-]{6,}$/.test(sender);
      this.senders.set(sender, {
        sender,
        phone: isNumber ? sender : null,
        messages: 1,
        firstLine: lineNumber,
        lastDayFirst: dayFirst,
        lastMonthFirst: monthFirst,
      });
    } else {
      known.messages += 1;
      if (dayFirst > known.lastDayFirst) known.lastDayFirst = dayFirst;
      if (monthFirst > known.lastMonthFirst) known.lastMonthFirst = monthFirst;
    }
  }

  participants(): ChatParticipant[] {
    // German phones write day.month; English ones month/day (US, 12-hour clock) or day/month (UK).
    const dayFirst = this.dayFirstVotes > 0 || (this.monthFirstVotes === 0 && (this.dotted || !this.twelveHour));
    return [...this.senders.values()]
      .filter(({ sender }) => sender !== '')
      .map(({ sender, phone, messages, firstLine, lastDayFirst, lastMonthFirst }) => ({
        sender,
        phone,
        messages,
        lastMessageAt: dayFirst ? lastDayFirst : lastMonthFirst,
        firstLine,
      }));
  }
}

/** The senders of a chat in one string (see ChatReader). */
export function parseChat(text: string): ChatParticipant[] {
  const reader = new ChatReader();
  for (const [index, raw] of text.split(/\r\n|\n|\r/).entries()) reader.addLine(raw, index + 1);
  return reader.participants();
}

/** "WhatsApp Chat mit Max Mustermann.txt" / "WhatsApp Chat with Max.txt" → the chat partner's name. */
export function partnerFromFileName(name: string): string | null {
  const match = /WhatsApp[- ]Chat (?:mit|with|-) (.+?)(?:\.txt|\.zip)?$/i.exec(safeText(name.replace(/^.*[\\/]/, ''), false));
  return match ? match[1]!.trim() || null : null;
}
