/**
 * WhatsApp chat exports (Android and iOS, German and English phone settings): who wrote, and when
 * last. They create no contacts; they mark the contacts the office really chats with.
 *
 *   Android  12.03.24, 14:05 - Max Mustermann: Text        3/12/24, 2:05 PM - Max: Text
 *   iOS      [12.03.24, 14:05:33] Max Mustermann: Text    ‎[3/12/24, 2:05:33 PM] ~ Max: Text
 */

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
const line = /^\[?(\d{1,4})[./-](\d{1,2})[./-](\d{1,4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?:[\s\u202f\u00a0]*([AaPp])\.?\s?[Mm]\.?)?\]?(?: -|:)? (.*)$/;

/** True when a text looks like a chat export: several of its first lines carry the time stamp. */
export function looksLikeChat(text: string): boolean {
  const lines = text.replace(invisible, '').split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
  const stamped = lines.filter((l) => line.test(l) && /^(\[|\d)/.test(l.trim())).length;
  return lines.length > 0 && stamped >= Math.min(3, lines.length) && stamped / lines.length >= 0.5;
}

interface Stamp {
  a: number;
  b: number;
  year: number;
  hour: number;
  minute: number;
  second: number;
}

const messagePattern = /^(?:~[\s\u202f\u00a0]*)?([^:]{1,80}?): (.*)$/;

/**
 * The senders of a chat, each with their number of messages and last date. System lines ("Messages
 * are end-to-end encrypted") have no sender and are skipped; continuation lines belong to the
 * message above.
 */
export function parseChat(text: string): ChatParticipant[] {
  const stamps: { stamp: Stamp; sender: string; lineNumber: number }[] = [];
  let dayFirstVotes = 0;
  let monthFirstVotes = 0;
  let twelveHour = false;
  let dotted = false;
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const match = line.exec(raw.replace(invisible, '').trim());
    if (!match) return;
    const [, first, second, third, hour, minute, second2, meridiem, rest] = match;
    const message = messagePattern.exec(rest!);
    if (!message) return;
    if (raw.includes('.')) dotted ||= /^\[?\d{1,2}\.\d{1,2}\./.test(raw.replace(invisible, '').trim());
    let h = Number(hour);
    if (meridiem) {
      twelveHour = true;
      const pm = meridiem.toLowerCase() === 'p';
      h = (h % 12) + (pm ? 12 : 0);
    }
    // 2024-03-12 (ISO, some locales) is read as year, month, day: stored as a = day, b = month.
    const iso = Number(first) > 31;
    const a = iso ? Number(third) : Number(first);
    const b = Number(second);
    if (a > 12 || iso) dayFirstVotes += 1;
    if (b > 12) monthFirstVotes += 1;
    const year = iso ? Number(first) : Number(third);
    stamps.push({
      stamp: { a, b, year: year < 100 ? 2000 + year : year, hour: h, minute: Number(minute), second: Number(second2 ?? 0) },
      sender: message[1]!.replace(/^~[\s\u202f\u00a0]*/, '').trim(),
      lineNumber: index + 1,
    });
  });
  // German phones write day.month; English ones month/day (US, 12-hour clock) or day/month (UK).
  const dayFirst = dayFirstVotes > 0 || (monthFirstVotes === 0 && (dotted || !twelveHour));

  const participants = new Map<string, ChatParticipant>();
  for (const { stamp, sender, lineNumber } of stamps) {
    const [day, month] = dayFirst ? [stamp.a, stamp.b] : [stamp.b, stamp.a];
    const pad = (n: number) => String(n).padStart(2, '0');
    const at = `${stamp.year}-${pad(month)}-${pad(day)}T${pad(stamp.hour)}:${pad(stamp.minute)}:${pad(stamp.second)}`;
    const known = participants.get(sender);
    const isNumber = /^\+?[\d\s\u202f\u00a0()/-]{6,}$/.test(sender);
    if (!known) participants.set(sender, { sender, phone: isNumber ? sender : null, messages: 1, lastMessageAt: at, firstLine: lineNumber });
    else {
      known.messages += 1;
      if (at > known.lastMessageAt) known.lastMessageAt = at;
    }
  }
  return [...participants.values()];
}

/** "WhatsApp Chat mit Max Mustermann.txt" / "WhatsApp Chat with Max.txt" → the chat partner's name. */
export function partnerFromFileName(name: string): string | null {
  const match = /WhatsApp[- ]Chat (?:mit|with|-) (.+?)(?:\.txt|\.zip)?$/i.exec(name.replace(/^.*[\\/]/, ''));
  return match ? match[1]!.trim() : null;
}
