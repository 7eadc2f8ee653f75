import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';

const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-token-value';
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });

describe('configuration', () => {
  it('parses a complete environment with defaults', () => {
    const result = loadConfig({ DISCORD_TOKEN: token, DISCORD_APP_ID: '123456789012345678' });
    expect(result).toMatchObject({
      ok: true,
      config: { dataDir: './data', databaseUrl: undefined, logLevel: 'info', checkinGraceHours: 12 },
    });
    expect(result).toMatchObject({ config: { databaseConnectTimeoutSeconds: 30, discordConnectTimeoutSeconds: 30 } });
    expect(
      loadConfig({ DISCORD_TOKEN: token, DISCORD_APP_ID: '123456789012345678', DATABASE_CONNECT_TIMEOUT_SECONDS: '0' }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('lists every bad key on its own line, and never the values', () => {
    const result = loadConfig({
      DISCORD_TOKEN: token,
      DISCORD_APP_ID: 'abc',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((line) => line.split(':')[0])).toEqual(['DISCORD_APP_ID', 'DATABASE_URL', 'LOG_LEVEL']);
    expect(problems.join('\n')).not.toContain(token);
  });

  it('starting the bot without DISCORD_TOKEN says what to set and exits 1', () => {
    const result = run({ DISCORD_APP_ID: '123456789012345678' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN: is required');
    expect(result.stderr).toContain('.env.example');
  });

  it('a failed start never prints the token', () => {
    const result = run({ DISCORD_TOKEN: token, DISCORD_APP_ID: 'not-a-snowflake' });
    expect(result.status).toBe(1);
    expect(result.stderr + result.stdout).not.toContain(token);
    expect(result.stderr).toContain('DISCORD_APP_ID');
  });
});

describe('logging', () => {
  it('redacts the token wherever it appears in a log record', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ level: 'info', destination });
    log.info({ config: { discordToken: token }, token, headers: { authorization: `Bot ${token}` } }, 'starting');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(token);
    expect(lines[0]).toContain('[redacted]');
  });
});
