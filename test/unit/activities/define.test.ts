// defineActivityType's load-time checks: a broken type definition fails fast, at import.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineActivityType, metadataVersion, type ActivityTypeDefinition } from '../../../src/activities/define';

const schema = z.object({ id: z.string().describe('An id') });
const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
const v2 = metadataVersion({ version: 2, schema, changelog: 'Same.', upgradeFrom: (previous: unknown) => previous as { id: string } });
const v3 = metadataVersion({ version: 3, schema, changelog: 'Same.', upgradeFrom: (previous: unknown) => previous as { id: string } });

function definition(overrides: Partial<ActivityTypeDefinition>): ActivityTypeDefinition {
  return {
    type: 'test.thing_done',
    description: 'A thing was done.',
    source: 'external',
    initiator: 'The doer',
    recipient: { kind: 'none' },
    versions: [v1],
    ...overrides,
  };
}

describe('defineActivityType', () => {
  it('accepts a well-formed definition and returns it unchanged', () => {
    const d = definition({ versions: [v1, v2, v3] });
    expect(defineActivityType(d)).toBe(d);
  });

  it.each(['post', 'Post.created', 'post.Created', 'post created', 'post..created', '.post.created', 'post.created.', 'post-x.created', '1post.created', ''])(
    'rejects the bad name %j',
    (type) => {
      expect(() => defineActivityType(definition({ type }))).toThrow(/dotted snake_case/);
    },
  );

  it.each(['post.created', 'slack_message.threaded_reply.created', 'site.auth.login_failure', 'calendar_event.user_registered'])(
    'accepts the name %j',
    (type) => {
      expect(() => defineActivityType(definition({ type }))).not.toThrow();
    },
  );

  it('rejects a type without versions', () => {
    expect(() => defineActivityType(definition({ versions: [] }))).toThrow(/no versions/);
  });

  it('rejects versions that are not 1..N in order', () => {
    expect(() => defineActivityType(definition({ versions: [v1, v3] }))).toThrow(/1\.\.N in order; found 3 at position 2/);
    expect(() => defineActivityType(definition({ versions: [v2] }))).toThrow(/found 2 at position 1/);
    expect(() => defineActivityType(definition({ versions: [v1, v1] }))).toThrow(/found 1 at position 2/);
    expect(() => defineActivityType(definition({ versions: [v1, v3, v2] }))).toThrow(/in order/);
  });

  it('rejects a later version without upgradeFrom', () => {
    const bare = metadataVersion({ version: 2, schema, changelog: 'No way up.' });
    expect(() => defineActivityType(definition({ versions: [v1, bare] }))).toThrow(/version 2 needs upgradeFrom/);
  });

  it('rejects a version 1 with upgradeFrom', () => {
    const odd = metadataVersion({ version: 1, schema, changelog: 'x', upgradeFrom: (previous: unknown) => previous as { id: string } });
    expect(() => defineActivityType(definition({ versions: [odd] }))).toThrow(/version 1 cannot upgrade/);
  });
});
