import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdpPipe } from '../../../electron/printing/cdp-pipe';

/** The browser's end of the pipe: reads our commands, writes NUL-terminated replies and events. */
function browserEnd() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const received: { id: number; method: string; params: unknown; sessionId?: string }[] = [];
  let pending = '';
  toBrowser.setEncoding('utf8');
  toBrowser.on('data', (chunk: string) => {
    const messages = (pending + chunk).split('\0');
    pending = messages.pop()!;
    for (const text of messages) received.push(JSON.parse(text));
  });
  const write = (message: object) => fromBrowser.write(`${JSON.stringify(message)}\0`);
  return { cdp: new CdpPipe(toBrowser, fromBrowser), received, write, fromBrowser };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('the DevTools protocol over a pipe', () => {
  it('matches replies to commands, also when a message arrives in pieces, and hands events to the page that waits', async () => {
    const { cdp, received, write, fromBrowser } = browserEnd();
    const version = cdp.send('Browser.getVersion');
    const loaded = cdp.once('Page.loadEventFired', 'S1');
    await tick();
    expect(received).toEqual([{ id: 1, method: 'Browser.getVersion', params: {} }]);
    // A reply split over two chunks, an event for another page first.
    const reply = `${JSON.stringify({ id: 1, result: { product: 'Chrome/156' } })}\0`;
    fromBrowser.write(reply.slice(0, 10));
    fromBrowser.write(reply.slice(10));
    write({ method: 'Page.loadEventFired', params: { timestamp: 1 }, sessionId: 'S2' });
    write({ method: 'Page.loadEventFired', params: { timestamp: 2 }, sessionId: 'S1' });
    expect(await version).toEqual({ product: 'Chrome/156' });
    expect(await loaded).toEqual({ timestamp: 2 });

    // A large reply in many pieces, then two messages and the start of a third in one piece.
    const large = cdp.send<{ data: string }>('Page.printToPDF', {}, 'S1');
    const third = cdp.send('Browser.getVersion');
    const fourth = cdp.send('Browser.getVersion');
    await tick();
    const data = 'JVBERi0xLjQK'.repeat(50_000);
    const largeReply = `${JSON.stringify({ id: 2, result: { data } })}\0`;
    for (let at = 0; at < largeReply.length; at += 65_536) fromBrowser.write(largeReply.slice(at, at + 65_536));
    const both = `${JSON.stringify({ id: 3, result: { product: 'drei' } })}\0${JSON.stringify({ id: 4, result: { product: 'vier' } })}`;
    fromBrowser.write(`${both.slice(0, -5)}`);
    fromBrowser.write(`${both.slice(-5)}\0`);
    expect((await large).data).toBe(data);
    expect(await Promise.all([third, fourth])).toEqual([{ product: 'drei' }, { product: 'vier' }]);

    const failing = cdp.send('Page.printToPDF', {}, 'S1');
    await tick();
    write({ id: 5, error: { message: 'Printing failed' } });
    await expect(failing).rejects.toThrow('Page.printToPDF: Printing failed');
  });

  it('rejects everything waiting when the browser goes, and never leaves a rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { cdp, fromBrowser } = browserEnd();
      const command = cdp.send('Page.navigate', { url: 'file:///brief.html' }, 'S1');
      // Asked for, then never awaited (as when the navigation before it fails).
      void cdp.once('Page.loadEventFired', 'S1');
      fromBrowser.end();
      await expect(command).rejects.toThrow('the browser closed the connection');
      await expect(cdp.send('Browser.close')).rejects.toThrow('the browser closed the connection');
      await tick();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
