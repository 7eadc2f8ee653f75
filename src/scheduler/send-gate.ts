import type { Sender } from '../discord/sender.js';

/** A request the gate refused because the scheduler is stopping: it never reached Discord. */
export class NotStarted extends Error {
  constructor() {
    super('not sent: the scheduler is stopping');
    this.name = 'NotStarted';
  }
}

/**
 * At most `limit` requests of the scheduler are handed to the REST client at once (about one second
 * of Discord's limit); the rest wait here, where a shutdown can still take them back. Once closed,
 * every waiting and later request fails with NotStarted, so its row is released rather than sent,
 * while the requests already handed over finish.
 */
export function createSendGate(limit: number) {
  let active = 0;
  let closed = false;
  const waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  async function acquire(): Promise<void> {
    if (closed) throw new NotStarted();
    if (active < limit) {
      active += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
  }
  function release(): void {
    const next = waiting.shift();
    if (next) next.resolve();
    else active -= 1;
  }

  return {
    /** A sender for one delivery, and whether that delivery handed a message to Discord. */
    forDelivery(sender: Sender): { sender: Sender; messageStarted: () => boolean } {
      let started = false;
      const through = async <T>(work: () => Promise<T>, isMessage: boolean): Promise<T> => {
        await acquire();
        if (isMessage) started = true;
        try {
          return await work();
        } finally {
          release();
        }
      };
      return {
        sender: {
          send: (channelId, body, files) => through(() => sender.send(channelId, body, files), true),
          openDm: (userId) => through(() => sender.openDm(userId), false),
          recent: (channelId, count) => through(() => sender.recent(channelId, count), false),
        },
        messageStarted: () => started,
      };
    },
    /** Refuses every waiting and later request. */
    close(): void {
      closed = true;
      for (const entry of waiting.splice(0)) entry.reject(new NotStarted());
    },
  };
}
