import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configKeys, loadConfig } from '../src/config.js';

// Docker cannot run here: compose.yaml is checked by reading it, against the config schema and the Dockerfile.
type Service = {
  build?: string | { context?: string; dockerfile?: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string | number> | string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  volumes?: string[];
  ports?: unknown[];
  container_name?: string;
};
const compose = parse(readFileSync('compose.yaml', 'utf8')) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const { postgres, proxy, bot } = compose.services;
const dockerfile = readFileSync('Dockerfile', 'utf8');

const environmentOf = (service: Service | undefined): Record<string, string> => {
  const env = service?.environment ?? {};
  const pairs = Array.isArray(env) ? env.map((line) => line.split(/=(.*)/s)) : Object.entries(env);
  return Object.fromEntries(pairs.map(([key, value]) => [String(key), String(value ?? '')]));
};

// What `docker compose` would substitute, with an operator's .env holding the required values.
const dotEnv: Record<string, string> = {
  DISCORD_TOKEN: 'token-from-the-developer-portal',
  DISCORD_APP_ID: '123456789012345678',
  POSTGRES_PASSWORD: 'secret',
};
const interpolate = (value: string) =>
  value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_, name: string, kind?: string, fallback?: string) => {
    const set = dotEnv[name];
    if (set !== undefined) return set;
    if (kind === '?') throw new Error(`${name} is required by compose.yaml but the test's .env lacks it`);
    return fallback ?? '';
  });

describe('compose.yaml', () => {
  it('has Postgres with a volume and a pg_isready health check, the REST proxy and the bot', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'postgres', 'proxy']);
    const [volume, mountPoint] = (postgres?.volumes?.[0] ?? '').split(':');
    expect(mountPoint).toBe('/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(String(postgres?.healthcheck?.test)).toContain('pg_isready');
  });

  it('names only variables the config schema knows, for the bot and the proxy', () => {
    for (const service of [bot, proxy]) {
      const unknown = Object.keys(environmentOf(service)).filter((key) => !(configKeys as string[]).includes(key));
      expect(unknown).toEqual([]);
    }
  });

  it('gives the bot an environment its config accepts, with the proxy as Discord and Postgres as its database', () => {
    const env = Object.fromEntries(Object.entries(environmentOf(bot)).map(([k, v]) => [k, interpolate(v)]));
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    expect(new URL(loaded.config.databaseUrl ?? '').hostname).toBe('postgres');
    expect(new URL(loaded.config.discordApiBase ?? '').hostname).toBe('proxy');
    // The image's HEALTHCHECK asks HTTP_PORT: the one the Dockerfile sets.
    expect(dockerfile).toMatch(new RegExp(`HTTP_PORT=${loaded.config.httpPort}\\b`));
  });

  it('starts the bot only once Postgres is healthy, and after the proxy', () => {
    expect(bot?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(bot?.depends_on?.proxy).toBeDefined();
  });

  it('can scale the bot: no fixed container name and no published port to clash', () => {
    expect(bot?.container_name).toBeUndefined();
    expect(bot?.ports).toBeUndefined();
  });

  it("builds the bot and the proxy from this repository's Dockerfile, as one image", () => {
    for (const service of [bot, proxy]) {
      const build = typeof service?.build === 'string' ? { context: service.build } : service?.build;
      expect(build?.context).toBe('.');
      expect(existsSync(build?.dockerfile ?? 'Dockerfile')).toBe(true);
    }
    expect(bot?.image).toBe(proxy?.image);
    expect(bot?.command).toBeUndefined(); // the image's CMD: the bot
  });

  // src/proxy.ts (`npm run proxy`) comes with the REST proxy's change; until it has landed, this is skipped.
  it.skipIf(!existsSync('src/proxy.ts'))('runs the proxy as `npm run proxy` does, compiled', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.proxy).toBe('tsx src/proxy.ts');
    expect(proxy?.command).toEqual(['node', 'src/proxy.js']);
  });
});
