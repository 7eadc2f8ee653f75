import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { StartupError, sleep } from '../startup-error.js';
import { writeBackup } from './backup.js';

// A running bot holds DATA_DIR, and a second PGlite must not open it: so the bot takes the backup
// itself. The CLI leaves a request in DATA_DIR and sends SIGUSR2; the bot answers in a result file.
export const backupSignal = 'SIGUSR2';
const requestName = '.career-coach.backup-request.json';
const resultName = (id: string) => `.career-coach.backup-result-${id}.json`;

type Request = { id: string; file: string };
type Result = { ok: true; bytes: number } | { ok: false; error: string };

/** The bot's side: takes the pending request, if any, and answers it. */
export async function serveBackupRequest(dataDir: string, dump: () => Promise<Blob>): Promise<Request | undefined> {
  const requestPath = join(dataDir, requestName);
  if (!existsSync(requestPath)) return undefined;
  const request = JSON.parse(readFileSync(requestPath, 'utf8')) as Request;
  rmSync(requestPath, { force: true });
  let result: Result;
  try {
    result = { ok: true, bytes: await writeBackup(dump, request.file) };
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const resultPath = join(dataDir, resultName(request.id));
  writeFileSync(`${resultPath}.partial`, JSON.stringify(result));
  renameSync(`${resultPath}.partial`, resultPath); // the CLI never reads half an answer
  return request;
}

/** The CLI's side: asks the bot with pid `pid` to write a backup to `file`, and waits for its answer. */
export async function requestBackup(dataDir: string, pid: number, file: string, timeoutMs = 60_000): Promise<number> {
  const id = `${process.pid}-${Date.now()}`;
  const resultPath = join(dataDir, resultName(id));
  writeFileSync(join(dataDir, requestName), JSON.stringify({ id, file } satisfies Request));
  process.kill(pid, backupSignal);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (!existsSync(resultPath)) continue;
    const result = JSON.parse(readFileSync(resultPath, 'utf8')) as Result;
    rmSync(resultPath, { force: true });
    if (!result.ok) throw new StartupError(`the running bot (pid ${pid}) could not write the backup: ${result.error}`);
    return result.bytes;
  }
  rmSync(join(dataDir, requestName), { force: true });
  throw new StartupError(`the running bot (pid ${pid}) did not answer the backup request within ${timeoutMs / 1000} s`);
}

/** While the bot runs: each SIGUSR2 answers the pending backup request. Returns the unsubscribe. */
export function answerBackupRequests(dataDir: string, dump: () => Promise<Blob>, log: Logger): () => void {
  const onSignal = () => {
    serveBackupRequest(dataDir, dump).then(
      (request) => log.info({ file: request?.file }, request ? 'backup written' : 'backup signal without a request'),
      (error: unknown) => log.error({ err: error }, 'backup request failed'),
    );
  };
  process.on(backupSignal, onSignal);
  return () => process.off(backupSignal, onSignal);
}
