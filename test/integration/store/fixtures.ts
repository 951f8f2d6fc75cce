// Shared by the store integration suites: a registry of test-only activity types (so these
// tests do not depend on the real types other work adds) and small helpers for drafts.
import { z } from 'zod';
import { defineActivityType, metadataVersion } from '../../../src/activities/define';
import { ActivityRegistry } from '../../../src/activities/registry';
import type { NewActivity } from '../../../src/store/repositories/activity-repository';

/** No recipient; searchable by its text. */
export const noteCreated = defineActivityType({
  type: 'test_note.created',
  description: 'A test note.',
  source: 'slack',
  initiator: 'The author',
  recipient: { kind: 'none' },
  versions: [metadataVersion({ version: 1, schema: z.object({ text: z.string().max(100) }), changelog: 'Initial.' })],
  searchText: (m) => String(m.text ?? ''),
});

/** A recipient is required. */
export const kudosGiven = defineActivityType({
  type: 'test_kudos.given',
  description: 'Kudos from one member to another.',
  source: 'external',
  initiator: 'The giver',
  recipient: { kind: 'required', who: 'the member who got the kudos' },
  versions: [metadataVersion({ version: 1, schema: z.object({ reason: z.string() }), changelog: 'Initial.' })],
  searchText: (m) => String(m.reason ?? ''),
});

/** A recipient is optional. */
export const pokeSent = defineActivityType({
  type: 'test_poke.sent',
  description: 'A poke, maybe at someone.',
  source: 'slack',
  initiator: 'The poker',
  recipient: { kind: 'optional', who: 'the poked member' },
  versions: [metadataVersion({ version: 1, schema: z.object({}), changelog: 'Initial.' })],
});

const docV1 = z.object({ name: z.string() });
const docV2 = z.object({ title: z.string(), tags: z.array(z.string()) });

/** Two versions: v1 { name } → v2 { title, tags }. */
export const docCreated = defineActivityType({
  type: 'test_doc.created',
  description: 'A document with a versioned metadata shape.',
  source: 'external',
  initiator: 'The author',
  recipient: { kind: 'none' },
  versions: [
    metadataVersion({ version: 1, schema: docV1, changelog: 'Initial.' }),
    metadataVersion({
      version: 2,
      schema: docV2,
      previous: docV1,
      changelog: 'name renamed to title; tags added.',
      upgradeFrom: (previous) => ({ title: previous.name, tags: [] }),
    }),
  ],
  searchText: (m) => String(m.title ?? ''),
});

export const testRegistry = new ActivityRegistry([noteCreated, kudosGiven, pokeSent, docCreated]);

let counter = 0;
/** A unique source key (unique across suites that share nothing but a process). */
export function uniqueKey(prefix = 'k'): string {
  counter += 1;
  return `${prefix}:${process.pid}:${Date.now()}:${counter}`;
}

/** A valid test_note.created draft; override any field. */
export function note(workspaceId: string, initiatorId: string, overrides: Partial<NewActivity> = {}): NewActivity {
  return {
    workspaceId,
    type: 'test_note.created',
    occurredAt: new Date('2026-11-20T12:00:00.000Z'),
    initiatorId,
    metadata: { text: 'hello' },
    source: 'slack',
    sourceKey: uniqueKey('note'),
    ...overrides,
  };
}

/** Rows of a table as the database sees them, both providers. */
export async function countRows(
  db: { $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T> },
  table: string,
): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${table}"`);
  return Number(rows[0]?.n ?? 0);
}
