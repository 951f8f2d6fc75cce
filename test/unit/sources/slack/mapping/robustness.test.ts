// Whatever arrives, the mappers answer with one of the four outcomes and never throw: a throw
// would make the listener answer 5xx and Slack redeliver the same payload forever.
import { describe, expect, it } from 'vitest';
import { mapMessageEvent, mapReactionEvent, mapTeamJoinEvent, type DeliveryContext, type SlackMapping } from '../../../../../src/sources/slack/mapping';
import { ctx, expectValidDraft, fixture, fixtureNames, innerEvent, type Json } from './helpers';

const MAPPERS = { message: mapMessageEvent, reaction: mapReactionEvent, team_join: mapTeamJoinEvent } as const;
const KINDS = ['activity', 'deletion', 'ignore', 'unmappable'];

function expectWellFormed(mapping: SlackMapping): void {
  expect(KINDS).toContain(mapping.kind);
  if (mapping.kind === 'ignore' || mapping.kind === 'unmappable') expect(mapping.reason.length).toBeGreaterThan(0);
  if (mapping.kind === 'activity') expectValidDraft(mapping.draft);
  if (mapping.kind === 'deletion' && mapping.draft) expectValidDraft(mapping.draft);
}

const GARBAGE: unknown[] = [
  null,
  undefined,
  {},
  [],
  '',
  'message',
  0,
  42,
  true,
  Number.NaN,
  { type: 'message' },
  { type: 'message', subtype: null },
  { type: 'message', channel: null, user: null, ts: null },
  { type: 'message', channel: ['C1'], user: { id: 'U1' }, ts: 1700000000.0002 },
  { type: 'message', subtype: 'message_changed', channel: 'C0GENERAL', message: 'edited!' },
  { type: 'message', subtype: 'message_changed', channel: 'C0GENERAL', message: { ts: '1.2', edited: 'yes', text: 5 } },
  { type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', previous_message: [] },
  { type: 'reaction_added', item: null },
  { type: 'reaction_added', item: { type: 'message', channel: 5, ts: [] }, user: 'U1', reaction: {} },
  { type: 'team_join', user: null },
  { type: 'team_join', user: { id: 5, profile: [] } },
];

describe('robustness: garbage in, an outcome out', () => {
  for (const [kind, map] of Object.entries(MAPPERS)) {
    it.each(GARBAGE.map((value) => [JSON.stringify(value) ?? String(value), value]))(`${kind} mapper: %s`, (_label, value) => {
      const mapping = map(value, ctx());
      expectWellFormed(mapping);
      expect(mapping.kind).not.toBe('activity');
    });
  }

  it('survives a payload whose fields throw when read', () => {
    const hostile = Object.defineProperty({ type: 'message' }, 'channel', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    for (const map of Object.values(MAPPERS)) expectWellFormed(map(hostile, ctx()));
    expect(mapMessageEvent(hostile, ctx())).toEqual({ kind: 'unmappable', reason: 'message event could not be read: boom' });
  });

  it('survives a missing or broken delivery context', () => {
    const event = fixture('message__plain__slackdocs-dev.json').event;
    for (const context of [undefined, null, {}, { teamId: 5 }, { teamId: '' }]) {
      const mapping = mapMessageEvent(event, context as unknown as DeliveryContext);
      expect(mapping.kind).toBe('unmappable');
    }
  });

  it('maps every stored real payload with every mapper without throwing', () => {
    for (const name of fixtureNames()) {
      const event = innerEvent(fixture(name));
      for (const map of Object.values(MAPPERS)) expectWellFormed(map(event, ctx()));
    }
  });

  it('survives thousands of random mutations of the real payloads', () => {
    // A small deterministic PRNG, so a failure is reproducible.
    let seed = 20240601;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const replacements = [null, undefined, '', 0, -1, 'x', 'U0ALICE', 'C0GENERAL', 'D0DM', '1700000000.000100', [], {}, true];

    const mutate = (value: Json): void => {
      const keys = Object.keys(value);
      if (keys.length === 0) return;
      const key = pick(keys);
      const current = value[key];
      if (current && typeof current === 'object' && !Array.isArray(current) && random() < 0.5) mutate(current as Json);
      else if (random() < 0.3) delete value[key];
      else value[key] = pick(replacements);
    };

    const events = fixtureNames().map((name) => innerEvent(fixture(name)));
    let outcomes = 0;
    for (let round = 0; round < 3000; round++) {
      const event = structuredClone(pick(events));
      for (let i = 1 + Math.floor(random() * 3); i > 0; i--) mutate(event);
      for (const map of Object.values(MAPPERS)) {
        expectWellFormed(map(event, ctx()));
        outcomes++;
      }
    }
    expect(outcomes).toBe(9000);
  });
});
