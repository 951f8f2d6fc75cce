// Writes VERSIONS.md (every activity type, version and field) from the registry.
// `--check` exits 1 when the committed file is stale (used by `npm test`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activityRegistry } from '../src/activities';
import { renderVersionsMd } from '../src/activities/docs/render-versions-md';

const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'VERSIONS.md');

function main(): void {
  const text = renderVersionsMd(activityRegistry);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = '';
  }
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error(`${path} is stale: run npm run versions`);
      process.exit(1);
    }
    return;
  }
  if (current === text) {
    console.log(`${path} is up to date`);
    return;
  }
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}

main();
