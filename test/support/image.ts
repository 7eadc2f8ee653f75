import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * What the Dockerfile's runtime stage does, done in a folder instead of an image (Docker cannot run
 * here): its ENV, its COPY lines (from the build stage's /app, or from the repository), the `npm ci`
 * of its RUN lines, and its CMD and HEALTHCHECK. A RUN step this does not know fails the test, so the
 * Dockerfile and this copy of it cannot drift apart unnoticed.
 */
export type ImageLayout = { env: Record<string, string>; cmd: string[]; healthcheck: string[] };

/** The Dockerfile's instructions of one stage, continuation lines joined and comments dropped. */
function stageInstructions(dockerfile: string, stage: string): string[] {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n');
  const start = lines.findIndex((line) => new RegExp(`^FROM .* AS ${stage}$`, 'i').test(line.trim()));
  if (start < 0) throw new Error(`no stage ${stage} in the Dockerfile`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^FROM /i.test(line));
  return (end < 0 ? rest : rest.slice(0, end)).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

// RUN steps that only make sense in an image: the data folder of a container, and a cache this machine shares.
const imageOnly = [/^mkdir -p \/data$/, /^chown node:node \/data$/, /^npm cache clean --force$/];

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}`)),
    );
  });
}

/** Builds like the build stage (`npm run build` into `buildDir/dist`) and lays the runtime stage out in `app`. */
export async function layOutImage(root: string, buildDir: string, app: string): Promise<ImageLayout> {
  await run('npm', ['run', 'build', '--silent', '--', '--outDir', join(buildDir, 'dist')], root);
  const layout: ImageLayout = { env: {}, cmd: [], healthcheck: [] };
  mkdirSync(app, { recursive: true });
  for (const instruction of stageInstructions(readFileSync(join(root, 'Dockerfile'), 'utf8'), 'runtime')) {
    const [keyword = '', ...words] = instruction.split(/\s+/);
    const args = instruction.slice(keyword.length).trim();
    switch (keyword.toUpperCase()) {
      case 'ENV':
        for (const pair of words) {
          const [key = '', value = ''] = pair.split(/=(.*)/s);
          layout.env[key] = value;
        }
        break;
      case 'COPY': {
        // Docker's rules: a folder's contents go to the destination; files go into it when it ends in / or
        // there are several sources, else become it.
        const from = words[0]?.startsWith('--from=build') ? buildDir : undefined;
        const paths = from ? words.slice(1) : words;
        const dest = paths.at(-1) ?? '.';
        const sources = paths.slice(0, -1);
        for (const source of sources) {
          const path = from ? join(from, source.replace(/^\/app\/?/, '')) : join(root, source);
          const intoFolder = statSync(path).isFile() && (dest.endsWith('/') || sources.length > 1);
          cpSync(path, resolve(app, intoFolder ? join(dest, basename(path)) : dest), { recursive: true });
        }
        break;
      }
      case 'RUN':
        for (const step of args.split('&&').map((s) => s.trim())) {
          if (imageOnly.some((pattern) => pattern.test(step))) continue;
          if (!step.startsWith('npm ci ')) throw new Error(`the image test does not know how to mirror RUN ${step}`);
          // This machine's npm cache stands in for the registry where it can.
          await run('npm', [...step.split(/\s+/).slice(1), '--prefer-offline'], app);
        }
        break;
      case 'CMD':
        layout.cmd = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK':
        layout.healthcheck = JSON.parse(args.slice(args.indexOf('CMD ') + 4)) as string[];
        break;
      case 'WORKDIR':
      case 'USER':
      case 'VOLUME':
      case 'EXPOSE':
        break;
      default:
        throw new Error(`the image test does not know the instruction ${keyword}`);
    }
  }
  return layout;
}
