import { test as base, type Request } from '@playwright/test';
import { startHost, tempDatabase, type ServeProcess } from './host';

interface Fixtures {
  /** A running loopback host on a fresh temporary database. */
  host: ServeProcess & { databasePath: string; restart: () => Promise<ServeProcess> };
  /** Every request the page made, for the test that nothing leaves the machine. */
  requests: string[];
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; it has none
  host: async ({}, use) => {
    const database = tempDatabase();
    let current = await startHost(database.path);
    const host = {
      ...current,
      databasePath: database.path,
      restart: async () => {
        await current.stop();
        current = await startHost(database.path);
        Object.assign(host, current);
        return current;
      },
    };
    await use(host);
    await current.stop();
    database.remove();
  },
  requests: async ({ page }, use) => {
    const seen: string[] = [];
    page.on('request', (request: Request) => seen.push(request.url()));
    page.on('websocket', (socket) => seen.push(socket.url()));
    await use(seen);
  },
});

export { expect } from '@playwright/test';
