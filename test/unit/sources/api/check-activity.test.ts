// The registry checks of an ingested activity: every external type's stored example passes
// at its current version, and every kind of problem is found and reported together.
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../../src/activities';
import { ActivityRegistry } from '../../../../src/activities/registry';
import { ErrorCode } from '../../../../src/errors';
import { checkActivity, MAX_CLOCK_SKEW_MS } from '../../../../src/sources/api/check-activity';
import { storedExample } from '../../activities/stored-examples';
import { brokenUpgrade, widgetMade } from '../../activities/test-types';

const now = new Date('2026-01-01T00:00:00Z');
const external = activityRegistry.list().filter((d) => d.source === 'external');
const slackOnly = activityRegistry.list().filter((d) => d.source !== 'external');

function complete(type: string) {
  const definition = activityRegistry.get(type);
  return {
    type,
    metadata: storedExample(type, definition.versions.length),
    hasRecipient: definition.recipient.kind === 'required',
    occurredAt: new Date('2025-12-31T12:00:00Z'),
  };
}

describe('checkActivity', () => {
  it('covers the 17 external types of the reference model', () => {
    expect(external).toHaveLength(17);
  });

  it.each(external.map((d) => d.type))('accepts %s at its current version, by default and by number', (type) => {
    const byDefault = checkActivity(activityRegistry, complete(type), now);
    expect(byDefault.problems).toEqual([]);
    expect(byDefault.checked).toEqual({ type, version: activityRegistry.currentVersion(type), metadata: expect.any(Object) });
    const explicit = checkActivity(activityRegistry, { ...complete(type), version: activityRegistry.currentVersion(type) }, now);
    expect(explicit.checked).toEqual(byDefault.checked);
  });

  it.each(slackOnly.map((d) => d.type))('refuses the Slack-only type %s', (type) => {
    const result = checkActivity(activityRegistry, { ...complete(type), hasRecipient: false }, now);
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([{ code: ErrorCode.ActivityNotIngestible, path: 'type', message: expect.stringContaining('Slack events only') }]);
  });

  it('refuses an unknown type', () => {
    const result = checkActivity(activityRegistry, { type: 'post.liked', metadata: {}, hasRecipient: false, occurredAt: now }, now);
    expect(result.problems).toEqual([{ code: ErrorCode.ActivityUnknownType, path: 'type', message: '"post.liked" is not a registered activity type' }]);
  });

  it.each([0, 2, 99])('refuses unsupported version %s, listing the supported ones', (version) => {
    const result = checkActivity(activityRegistry, { ...complete('post.created'), version }, now);
    expect(result.problems).toEqual([{ code: ErrorCode.ActivityUnknownVersion, path: 'version', message: `post.created supports versions 1, not ${version}` }]);
  });

  it('lists every metadata problem with its path', () => {
    const result = checkActivity(activityRegistry, { ...complete('post.created'), metadata: { post_id: '', title: 7, url: 'not a url' } }, now);
    expect(result.checked).toBeUndefined();
    expect(result.problems.every((p) => p.code === ErrorCode.ActivityInvalidMetadata)).toBe(true);
    expect(result.problems.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'metadata.post_id', message: 'must not be empty' },
      { path: 'metadata.feed_id', message: 'required' },
      { path: 'metadata.excerpt', message: 'required' },
      { path: 'metadata.url', message: 'expected a URL' },
      // post.created calls it post_title: `title` is not one of its fields.
      { path: 'metadata.title', message: 'unknown field: not part of post.created v1' },
    ]);
  });

  it('refuses metadata keys the version does not define, one problem per key, and stores nothing of it', () => {
    const { metadata } = complete('post.created');
    const result = checkActivity(activityRegistry, { ...complete('post.created'), metadata: { ...metadata, foo: 1, likes: 3 } }, now);
    expect(result.checked).toBeUndefined();
    expect(result.problems).toEqual([
      { code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.foo', message: 'unknown field: not part of post.created v1' },
      { code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.likes', message: 'unknown field: not part of post.created v1' },
    ]);
  });

  it('refuses unknown keys inside nested metadata objects too', () => {
    const { metadata } = complete('poll.created');
    const options = (metadata.options as object[]).map((o, i) => (i === 0 ? { ...o, votes: 3 } : o));
    const result = checkActivity(activityRegistry, { ...complete('poll.created'), metadata: { ...metadata, options } }, now);
    expect(result.problems).toEqual([
      { code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.options.0.votes', message: 'unknown field: not part of poll.created v1' },
    ]);
  });

  it('names the version an unknown key was checked against', () => {
    const registry = new ActivityRegistry([widgetMade]);
    const result = checkActivity(registry, { type: 'test.widget_made', version: 1, metadata: { widget_id: 'w1', title: 'x', name: 'x' }, hasRecipient: false, occurredAt: now }, now);
    expect(result.problems).toEqual([
      { code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.name', message: 'unknown field: not part of test.widget_made v1' },
    ]);
  });

  it('refuses a recipient on a type that has none, and a missing one where it is required', () => {
    expect(checkActivity(activityRegistry, { ...complete('post.created'), hasRecipient: true }, now).problems).toEqual([
      { code: ErrorCode.ActivityRecipientNotAllowed, path: 'recipient', message: 'post.created activities have no recipient' },
    ]);
    expect(checkActivity(activityRegistry, { ...complete('award.given'), hasRecipient: false }, now).problems).toEqual([
      { code: ErrorCode.ActivityRecipientRequired, path: 'recipient', message: expect.stringMatching(/^required for award.given: /) },
    ]);
  });

  it('reports recipient and metadata problems together', () => {
    const result = checkActivity(activityRegistry, { ...complete('award.given'), hasRecipient: false, metadata: {} }, now);
    expect(new Set(result.problems.map((p) => p.code))).toEqual(new Set([ErrorCode.ActivityRecipientRequired, ErrorCode.ActivityInvalidMetadata]));
  });

  it('refuses an occurred_at more than a day ahead, and accepts clock skew within it', () => {
    const ahead = (ms: number) => checkActivity(activityRegistry, { ...complete('post.created'), occurredAt: new Date(now.getTime() + ms) }, now);
    expect(ahead(MAX_CLOCK_SKEW_MS - 1000).problems).toEqual([]);
    expect(ahead(MAX_CLOCK_SKEW_MS + 1000).problems).toEqual([{ code: ErrorCode.InvalidRequest, path: 'occurred_at', message: 'is more than a day in the future' }]);
  });

  it('skips checks whose input is missing or unreadable, and then confirms nothing', () => {
    const parts = complete('post.created');
    expect(checkActivity(activityRegistry, { ...parts, type: undefined }, now)).toEqual({ problems: [] });
    expect(checkActivity(activityRegistry, { ...parts, version: null }, now)).toEqual({ problems: [] });
    expect(checkActivity(activityRegistry, { ...parts, metadata: undefined }, now)).toEqual({ problems: [] });
    expect(checkActivity(activityRegistry, { ...parts, hasRecipient: undefined }, now)).toEqual({ problems: [] });
  });

  it('accepts an older version and brings it to the current one, validated', () => {
    const registry = new ActivityRegistry([widgetMade, brokenUpgrade]);
    const result = checkActivity(registry, { type: 'test.widget_made', version: 1, metadata: { widget_id: 'w1', title: 'Spanner' }, hasRecipient: false, occurredAt: now }, now);
    expect(result.checked).toEqual({ type: 'test.widget_made', version: 3, metadata: { widget_id: 'w1', name: 'Spanner', priority: 0 } });
    // A broken upgrade is our bug, not the sender's: it throws rather than blaming the input.
    expect(() =>
      checkActivity(registry, { type: 'test.broken_upgrade', version: 1, metadata: { widget_id: 'w1', title: 'x' }, hasRecipient: false, occurredAt: now }, now),
    ).toThrow();
  });
});
