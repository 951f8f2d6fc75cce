// Run as a separate process by migrations.int.test.ts: applies migrations to DATABASE_URL and
// prints the result as JSON, so several processes can race like replicas starting together.
import { migrate } from '../../../src/store/migrate';
import { storeKindOf } from '../../../src/store/database-url';

const url = process.env.DATABASE_URL;
const kind = storeKindOf(url);
if (kind instanceof Error) throw kind;
try {
  const result = await migrate(kind, url);
  process.stdout.write(JSON.stringify({ ok: true, ...result }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, code: (error as { code?: string }).code, message: (error as Error).message }));
}
