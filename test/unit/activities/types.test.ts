// The real activity types: exactly the expected set, each documented (every field described),
// with sources and recipient rules as the product defines them, and searchable text.
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { fieldRows } from '../../../src/activities/docs/json-schema-fields';
import { storedExample } from './stored-examples';

const EXPECTED_TYPES = [
  'award.given',
  'badge.given',
  'calendar_event.user_registered',
  'calendar_event.user_unregistered',
  'comment.created',
  'comment.deleted',
  'comment.edited',
  'credential.given',
  'journey.completed',
  'milestone.completed',
  'poll.created',
  'poll.vote_added',
  'post.created',
  'post.deleted',
  'post.edited',
  'site.auth.login_failure',
  'site.auth.login_success',
  'slack_message.created',
  'slack_message.deleted',
  'slack_message.edited',
  'slack_message.threaded_reply.created',
  'slack_reaction.added',
  'slack_reaction.removed',
  'workspace.user_joined',
];

const RECIPIENT_KIND: Record<string, 'none' | 'optional' | 'required'> = {
  'award.given': 'required',
  'badge.given': 'required',
  'credential.given': 'required',
  'comment.created': 'optional',
  'poll.vote_added': 'optional',
  'slack_message.threaded_reply.created': 'optional',
  'slack_reaction.added': 'optional',
  'slack_reaction.removed': 'optional',
};

/** Types with no text a person would search for. */
const NOT_SEARCHABLE = new Set(['slack_message.deleted', 'site.auth.login_success', 'site.auth.login_failure']);

const definitions = activityRegistry.list();

describe('registered activity types', () => {
  it('are exactly the 24 expected types', () => {
    expect(definitions.map((d) => d.type).sort()).toEqual(EXPECTED_TYPES);
  });

  describe.each(definitions)('$type', (definition) => {
    const { type } = definition;

    it('says where it comes from, who the initiator is, and its recipient rule', () => {
      const fromSlack = type.startsWith('slack_') || type.startsWith('workspace.');
      expect(definition.source).toBe(fromSlack ? 'slack' : 'external');
      expect(definition.description).toMatch(/^[A-Z].*\.$/);
      expect(definition.description).not.toContain('\n');
      expect(definition.initiator.length).toBeGreaterThan(0);
      expect(definition.recipient.kind).toBe(RECIPIENT_KIND[type] ?? 'none');
      if (definition.recipient.kind !== 'none') expect(definition.recipient.who.length).toBeGreaterThan(0);
    });

    it('has a JSON Schema for every version, every field described', () => {
      for (const { version, changelog } of definition.versions) {
        expect(changelog.length).toBeGreaterThan(0);
        const schema = activityRegistry.jsonSchema(type, version);
        expect(schema).toMatchObject({ type: 'object', $schema: expect.stringContaining('json-schema.org') });
        const rows = fieldRows(schema);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row.description, `${type} v${version} ${row.field}`).not.toBe('');
      }
    });

    it('keeps no email in metadata', () => {
      const fields = fieldRows(activityRegistry.jsonSchema(type, activityRegistry.currentVersion(type))).map((r) => r.field);
      expect(fields.filter((f) => /email/.test(f))).toEqual([]);
    });

    it('gives lower-cased search text for its stored example (or none, when it has no text)', () => {
      const current = activityRegistry.currentVersion(type);
      const metadata = activityRegistry.upgrade(type, current, storedExample(type, current)).metadata;
      const text = activityRegistry.searchText(type, metadata);
      if (NOT_SEARCHABLE.has(type)) {
        expect(text).toBeNull();
        return;
      }
      expect(typeof text).toBe('string');
      expect(text).toBe(text?.toLowerCase());
      expect(text?.trim().length).toBeGreaterThan(0);
    });

    it('copes with minimal metadata in searchText (optional labels absent)', () => {
      expect(() => definition.searchText?.({})).not.toThrow();
    });
  });

  it('slack_message.deleted keeps no text of the message', () => {
    const fields = fieldRows(activityRegistry.jsonSchema('slack_message.deleted', 1)).map((r) => r.field);
    expect(fields.filter((f) => /excerpt|text/.test(f))).toEqual([]);
  });

  it('accepts a reaction name with a skin tone', () => {
    const metadata = { ...storedExample('slack_reaction.added', 1), emoji: 'thumbsup::skin-tone-2' };
    expect(activityRegistry.validate('slack_reaction.added', 1, metadata).emoji).toBe('thumbsup::skin-tone-2');
  });

  it('checks the enums of sign-in activities', () => {
    const metadata = storedExample('site.auth.login_failure', 1);
    expect(() => activityRegistry.validate('site.auth.login_failure', 1, { ...metadata, method: 'carrier_pigeon' })).toThrow(
      /metadata\.method/,
    );
    expect(() => activityRegistry.validate('site.auth.login_failure', 1, { ...metadata, failure_reason: 'bad_luck' })).toThrow(
      /metadata\.failure_reason/,
    );
  });
});
