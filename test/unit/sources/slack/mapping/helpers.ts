// Shared by the mapping tests: fixture loading, the delivery context an envelope implies, and
// the registry contract every draft must meet.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { activityRegistry } from '../../../../../src/activities';
import type { DeliveryContext, SlackActivityDraft, SlackMapping } from '../../../../../src/sources/slack/mapping';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../../fixtures/slack', import.meta.url));

export type Json = Record<string, any>;

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as Json;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR).filter((name) => name.endsWith('.json')).sort();
}

/** The inner event of a fixture, whether it is stored as an envelope or as the event only. */
export function innerEvent(payload: Json): Json {
  return payload.type === 'event_callback' || 'event' in payload ? (payload.event as Json) : payload;
}

/** The team every hand-built test delivery is for. */
export const TEAM = 'T0COMMUNITY';
export const BOT_USER = 'U0OURBOT';

export function ctx(extra: Partial<DeliveryContext> = {}): DeliveryContext {
  return { teamId: TEAM, eventId: 'Ev0TEST', eventTime: 1_700_000_000, botUserId: BOT_USER, ...extra };
}

/** What src/slack/listeners/events/delivery.ts builds from an envelope (teamId from authorizations, then team_id). */
export function ctxFromEnvelope(envelope: Json, fallbackTeam = TEAM): DeliveryContext {
  const teamId = envelope.authorizations?.[0]?.team_id || envelope.team_id || fallbackTeam;
  return {
    teamId,
    ...(envelope.event_id ? { eventId: envelope.event_id } : {}),
    ...(envelope.event_time ? { eventTime: envelope.event_time } : {}),
    ...(envelope.is_ext_shared_channel !== undefined ? { isExtSharedChannel: envelope.is_ext_shared_channel } : {}),
  };
}

/** Types drafts were produced for but the registry does not know yet (reported, not failed). */
export const unregisteredTypes = new Set<string>();

const LABELS = ['channel_name', 'initiator_name', 'recipient_name'];

/**
 * The contract of a draft: labels are left to the caller, the occurredAt is a real date, and
 * the metadata passes the registry's current schema for its type UNCHANGED (a field the schema
 * does not know would be stripped by validate, so toMatchObject catches field-name drift).
 */
export function expectValidDraft(draft: SlackActivityDraft): void {
  expect(draft.occurredAt).toBeInstanceOf(Date);
  expect(Number.isNaN(draft.occurredAt.getTime())).toBe(false);
  expect(draft.sourceKey).toMatch(/^[a-z_]+:/);
  for (const label of LABELS) expect(draft.metadata).not.toHaveProperty(label);
  if (!activityRegistry.has(draft.type)) {
    unregisteredTypes.add(draft.type);
    return;
  }
  const validated = activityRegistry.validate(draft.type, activityRegistry.currentVersion(draft.type), draft.metadata);
  expect(validated).toMatchObject(draft.metadata);
}

export function expectActivity(mapping: SlackMapping, type: string): SlackActivityDraft {
  if (mapping.kind !== 'activity') throw new Error(`expected an activity, got ${JSON.stringify(mapping)}`);
  expect(mapping.draft.type).toBe(type);
  expectValidDraft(mapping.draft);
  return mapping.draft;
}

export function expectIgnore(mapping: SlackMapping, reason?: RegExp): void {
  expect(mapping.kind, JSON.stringify(mapping)).toBe('ignore');
  if (reason && mapping.kind === 'ignore') expect(mapping.reason).toMatch(reason);
}

export function expectUnmappable(mapping: SlackMapping, reason?: RegExp): void {
  expect(mapping.kind, JSON.stringify(mapping)).toBe('unmappable');
  if (reason && mapping.kind === 'unmappable') expect(mapping.reason).toMatch(reason);
}

export function expectDeletion(mapping: SlackMapping): Extract<SlackMapping, { kind: 'deletion' }> {
  if (mapping.kind !== 'deletion') throw new Error(`expected a deletion, got ${JSON.stringify(mapping)}`);
  if (mapping.draft) {
    expect(mapping.draft.type).toBe('slack_message.deleted');
    // Drafts needing the author lookup are validated once the caller has filled it in.
    expectValidDraft(mapping.draft);
  }
  return mapping;
}

/** Deep copy with overrides, for variants of a real payload. */
export function variant<T extends Json>(base: T, overrides: Json = {}): T {
  return { ...structuredClone(base), ...overrides };
}

/** Deep copy without the given keys. */
export function without<T extends Json>(base: T, ...keys: string[]): T {
  const copy = structuredClone(base);
  for (const key of keys) delete copy[key];
  return copy;
}
