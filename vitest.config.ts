import { defineConfig } from 'vitest/config';

// Unit tests: test/unit/**/*.test.ts (pure, fast). Integration tests: *.int.test.ts (real HTTP,
// real SQLite files and the PostgreSQL server on 127.0.0.1:5432; each file makes its own
// databases). `npm test` runs both; `npm run test:unit` / `npm run test:int` run one kind.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Integration files each start servers and databases; two cores, so keep it modest.
    maxWorkers: 2,
  },
});
