// Loads the stored examples in test/fixtures/activities (<type>/v<N>.json = stored metadata).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../fixtures/activities', import.meta.url));

export interface StoredExample {
  type: string;
  version: number;
  file: string;
  metadata: Record<string, unknown>;
}

/** Every example on disk, sorted by type then version. Files not named v<N>.json are reported with version NaN. */
export function storedExamples(): StoredExample[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(EXAMPLES_DIR, dir.name))
        .filter((name) => name.endsWith('.json'))
        .map((name) => {
          const file = join(dir.name, name);
          const match = /^v(\d+)\.json$/.exec(name);
          return {
            type: dir.name,
            version: match ? Number(match[1]) : Number.NaN,
            file,
            metadata: JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Record<string, unknown>,
          };
        }),
    )
    .sort((a, b) => (a.type === b.type ? a.version - b.version : a.type < b.type ? -1 : 1));
}

/** The stored example of one (type, version); throws when it is missing. */
export function storedExample(type: string, version: number): Record<string, unknown> {
  const path = join(EXAMPLES_DIR, type, `v${version}.json`);
  if (!existsSync(path)) throw new Error(`no stored example ${type}/v${version}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}
