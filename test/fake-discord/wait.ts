// waitForMessages: resolves once enough stored messages match, including ones already there, so a
// test never races the bot. On timeout the error lists what was stored, to make failures readable.
import { type FakeMessage, toFakeMessage, type World } from './state.js';

export function waitForMessages(
  world: World,
  predicate: (m: FakeMessage) => boolean,
  { count = 1, timeoutMs = 5000 }: { count?: number; timeoutMs?: number },
): Promise<FakeMessage[]> {
  const matching = (): FakeMessage[] => [...world.messages.values()].map(toFakeMessage).filter(predicate);
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const found = matching();
      if (found.length < count) return;
      cleanup();
      resolve(found);
    };
    const timer = setTimeout(() => {
      cleanup();
      const stored = [...world.messages.values()].map(
        (m) => `  [${m.api.channel_id}] ${JSON.stringify(m.api.content)} (${m.api.embeds.length} embeds)`,
      );
      reject(
        new Error(
          `fake-discord: expected ${count} matching message(s) within ${timeoutMs} ms, found ` +
            `${matching().length}. Stored:\n${stored.join('\n') || '  (none)'}`,
        ),
      );
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      world.onMessage.delete(check);
    };
    world.onMessage.add(check);
    check();
  });
}
