import { describe, expect, it } from 'vitest';
import { parseChat, partnerFromFileName } from '../../../electron/importers/whatsapp-chat';
import { readFixture } from '../../helpers/fixtures';

describe('WhatsApp chat exports', () => {
  it('Android, German: senders with message counts and last date; system lines and continuations ignored', async () => {
    const reading = await readFixture('WhatsApp Chat mit Max Mustermann.txt');
    expect(reading.format).toBe('whatsapp');
    expect(reading.candidates).toEqual([]);
    expect(reading.chat?.partner).toBe('Max Mustermann');
    expect(reading.chat?.participants).toEqual([
      { sender: 'Max Mustermann', phone: null, messages: 3, lastMessageAt: '2024-03-21T18:40:00', firstLine: 2 },
      { sender: 'Meisterbetrieb Groß', phone: null, messages: 1, lastMessageAt: '2024-03-12T14:07:00', firstLine: 3 },
    ]);
  });

  it('iOS, German, zipped with media: U+200E marks, attachments, ~ profile names, numbers as senders', async () => {
    const reading = await readFixture('WhatsApp Chat - Sophie Weiß.zip');
    expect(reading).toMatchObject({ format: 'whatsapp', rejected: false });
    expect(reading.chat?.partner).toBe('Sophie Weiß');
    expect(reading.chat?.participants.map((p) => [p.sender, p.phone, p.messages, p.lastMessageAt])).toEqual([
      ['Meisterbetrieb Groß', null, 1, '2024-04-02T07:58:12'],
      ['Sophie Weiß', null, 2, '2024-04-02T08:01:40'],
      ['Soso', null, 1, '2024-04-02T08:03:01'],
      ['+49 171 2345678', '+49 171 2345678', 1, '2024-05-15T16:20:00'],
    ]);
  });

  it('English phone settings: US month/day with 12-hour clock and a narrow space before PM; UK day/month', async () => {
    const us = await readFixture('android-en-12h.txt');
    expect(us.chat?.participants.find((p) => p.sender === 'Jürgen Groß')).toMatchObject({
      messages: 2,
      lastMessageAt: '2024-03-15T11:30:00',
    });
    const uk = await readFixture('ios-en.txt');
    expect(uk.chat?.participants).toEqual([
      { sender: 'Sophie Weiß', phone: null, messages: 2, lastMessageAt: '2024-03-25T09:00:00', firstLine: 1 },
    ]);
  });

  it('a 12-hour PM after noon and 12 AM at midnight', () => {
    const [p] = parseChat('1/2/24, 12:15 AM - A: x\n1/2/24, 12:30 PM - A: y\n1/2/24, 11:59 PM - A: z\n');
    expect(p!.lastMessageAt).toBe('2024-01-02T23:59:00');
    expect(parseChat('1/2/24, 12:15 AM - A: x')[0]!.lastMessageAt).toBe('2024-01-02T00:15:00');
  });

  it('finds the partner in English and German file names', () => {
    expect(partnerFromFileName('WhatsApp Chat with Anna Schmitz.txt')).toBe('Anna Schmitz');
    expect(partnerFromFileName('C:\\Downloads\\WhatsApp Chat mit Jürgen.zip')).toBe('Jürgen');
    expect(partnerFromFileName('_chat.txt')).toBeNull();
  });
});
