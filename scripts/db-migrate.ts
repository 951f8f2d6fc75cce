// `npm run db:migrate`: applies pending migrations to the store DATABASE_URL names.
import { migrate } from '../src/store/migrate';
import { storeKindOf } from '../src/store/database-url';

const url = process.env.DATABASE_URL;
const kind = storeKindOf(url);
if (kind instanceof Error) {
  console.error(`DATABASE_URL: ${kind.message}`);
  process.exit(1);
}
try {
  const result = await migrate(kind, url);
  console.log(
    result.applied.length
      ? `${kind}: applied ${result.applied.join(', ')}`
      : `${kind}: up to date (${result.alreadyApplied} migrations applied earlier)`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
