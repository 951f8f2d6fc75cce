// Prisma CLI config for the PostgreSQL store (JavaScript schema engine over adapter-pg).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: './postgresql/schema.prisma',
  migrations: { path: './postgresql/migrations' },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url || !/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL for the PostgreSQL schema');
    }
    return new PrismaPg({ connectionString: url });
  },
});
