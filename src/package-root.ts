// The folder holding package.json, found from wherever the running code is: src/ under tsx,
// dist/app/ when compiled. Files shipped beside the code (prisma/ migrations) are read from
// there, so no module depends on how deep it sits.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(from: string = import.meta.url): string {
  if (cached && from === import.meta.url) return cached;
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) break;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
  if (from === import.meta.url) cached = dir;
  return dir;
}
