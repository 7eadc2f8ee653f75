import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Biome's formatter wraps code but never a string or a comment; this keeps those within the width too.
const maxWidth = 120;
const folders = ['src', 'commands', 'schema', 'test'];
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...folders])
  .toString()
  .split('\n')
  .filter((file) => /\.(ts|mjs|js)$/.test(file) && !file.endsWith('.d.ts'));
const long = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => ([...line].length > maxWidth ? [`${file}:${i + 1}: ${[...line].length} characters`] : [])),
);
if (long.length > 0) {
  console.error(`Lines longer than ${maxWidth} characters:\n  ${long.join('\n  ')}`);
  process.exit(1);
}
