// Writes prisma/<provider>/schema.prisma from prisma/models.prisma, so both providers
// share one model source. `--check` exits 1 when a written copy is stale (used by tests).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The full schema text for one provider: header + the shared models. */
export function renderSchema(provider: Provider): string {
  const models = readFileSync(join(root, 'prisma/models.prisma'), 'utf8');
  const header = `// GENERATED from prisma/models.prisma by scripts/prisma-schemas.ts: do not edit.
// Run \`npm run db:schemas\` after changing the models, then add a migration per provider.

generator client {
  provider     = "prisma-client"
  output       = "../../src/store/generated/${provider}"
  engineType   = "client"
  runtime      = "nodejs"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider}"
  // Only the CLI reads this; the app connects through a driver adapter built from DATABASE_URL.
  url      = "${provider === 'sqlite' ? 'file:../../data/activity.db' : 'postgresql://localhost:5432/activity'}"
}

`;
  return header + models;
}

export function schemaPath(provider: Provider): string {
  return join(root, 'prisma', provider, 'schema.prisma');
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const provider of PROVIDERS) {
    const text = renderSchema(provider);
    const path = schemaPath(provider);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = '';
    }
    if (current === text) continue;
    if (check) {
      stale = true;
      console.error(`${path} is stale: run npm run db:schemas`);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
