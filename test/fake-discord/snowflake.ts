// Ids must look like real snowflakes: @discordjs/rest only recognises 17-19 digit ids as major
// parameters (/channels/\d{17,19}/...), so short ids would silently merge rate-limit buckets.
const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export function isoTimestamp(at: number = Date.now()): string {
  return new Date(at).toISOString();
}

export function randomToken(prefix: string): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return `${prefix}.${Buffer.from(bytes).toString('base64url')}`;
}
