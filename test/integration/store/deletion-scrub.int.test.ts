// The group-commit writer stores a message, a reply or an edit already scrubbed when the
// deletion that names it (its `deletionSourceKey`) is stored: before it, or in the same group
// commit. The insert statement itself decides, so the text is never written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewActivity } from '../../../src/store/repositories/activity-repository';
import type { Store } from '../../../src/store/store';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';

const T = 'T0SCRUB';
const OTHER = 'T0SCRUBOTHER';
const C = 'C0SCRUB';

describe.each(DATABASE_KINDS)('storing what a recorded deletion scrubs (%s)', (kind) => {
  let store: Store & { url: string };
  let author: string;
  let authorElsewhere: string;
  let seq = 0;

  beforeAll(async () => {
    store = await createTestStore(kind);
    await store.workspaces.ensure(T);
    await store.workspaces.ensure(OTHER);
    author = await store.members.ensureSlackMember(T, 'U0AUTHOR', { displayName: 'Author' });
    authorElsewhere = await store.members.ensureSlackMember(OTHER, 'U0AUTHOR', { displayName: 'Author' });
  });
  afterAll(async () => store?.close());

  const nextTs = () => `1790001${String(100 + ++seq).padStart(3, '0')}.000100`;
  const place = (workspaceId = T) => ({ team_id: workspaceId, channel_id: C, channel_name: 'scrub' });

  function post(ts: string, text: string, workspaceId = T): NewActivity {
    return {
      workspaceId,
      type: 'slack_message.created',
      occurredAt: new Date(Number(ts.split('.')[0]) * 1000),
      initiatorId: workspaceId === T ? author : authorElsewhere,
      channelId: C,
      metadata: { ...place(workspaceId), message_ts: ts, excerpt: text },
      source: 'slack',
      sourceKey: `msg:${C}:${ts}`,
      deletionSourceKey: `delete:${C}:${ts}`,
    };
  }

  function reply(ts: string, text: string): NewActivity {
    return {
      ...post(ts, text),
      type: 'slack_message.threaded_reply.created',
      metadata: { ...place(), message_ts: ts, thread_ts: '1790000000.000100', excerpt: text, is_broadcast: true },
    };
  }

  function edit(ts: string, text: string, previous: string): NewActivity {
    const editedTs = `${Number(ts.split('.')[0]) + 60}.000000`;
    return {
      ...post(ts, text),
      type: 'slack_message.edited',
      occurredAt: new Date(Number(editedTs.split('.')[0]) * 1000),
      metadata: { ...place(), message_ts: ts, edited_ts: editedTs, excerpt: text, previous_excerpt: previous },
      sourceKey: `edit:${C}:${ts}:${editedTs}`,
    };
  }

  function deletion(ts: string, workspaceId = T): NewActivity {
    return {
      workspaceId,
      type: 'slack_message.deleted',
      occurredAt: new Date(Number(ts.split('.')[0]) * 1000 + 90_000 + 123),
      initiatorId: workspaceId === T ? author : authorElsewhere,
      channelId: C,
      metadata: { ...place(workspaceId), message_ts: ts, deleted_ts: `${Number(ts.split('.')[0]) + 90}.123000` },
      source: 'slack',
      sourceKey: `delete:${C}:${ts}`,
    };
  }

  async function raw(workspaceId: string, sourceKey: string) {
    return store.db.activity.findUnique({
      where: { workspaceId_sourceKey: { workspaceId, sourceKey } },
      select: { type: true, metadata: true, searchText: true },
    });
  }

  it('a post, a reply and an edit recorded after their deletion are stored without their text', async () => {
    const [a, b, c] = [nextTs(), nextTs(), nextTs()];
    await Promise.all([store.activityWriter.record(deletion(a)), store.activityWriter.record(deletion(b)), store.activityWriter.record(deletion(c))]);
    await Promise.all([
      store.activityWriter.record(post(a, 'secret alpha')),
      store.activityWriter.record(reply(b, 'secret bravo')),
      store.activityWriter.record(edit(c, 'secret charlie', 'secret delta')),
    ]);
    const deletedAt = (ts: string) => new Date(Number(ts.split('.')[0]) * 1000 + 90_000 + 123).toISOString();
    expect(await raw(T, `msg:${C}:${a}`)).toEqual({
      type: 'slack_message.created',
      metadata: { ...place(), message_ts: a, excerpt: '', deleted_at: deletedAt(a) },
      searchText: null,
    });
    expect(await raw(T, `msg:${C}:${b}`)).toEqual({
      type: 'slack_message.threaded_reply.created',
      metadata: { ...place(), message_ts: b, thread_ts: '1790000000.000100', excerpt: '', is_broadcast: true, deleted_at: deletedAt(b) },
      searchText: null,
    });
    const edited = await raw(T, edit(c, '', '').sourceKey);
    expect(edited).toMatchObject({ type: 'slack_message.edited', metadata: { excerpt: '', previous_excerpt: '' }, searchText: null });
    expect(edited!.metadata).not.toHaveProperty('deleted_at');
    // Read back through the registry: still valid at its version.
    expect((await store.activityReads.findBySourceKey(T, `msg:${C}:${a}`))?.metadata).toMatchObject({ excerpt: '', deleted_at: deletedAt(a) });
  });

  it('a deletion and its original in the same group commit: the original is stored scrubbed', async () => {
    const ts = nextTs();
    const results = await Promise.all([store.activityWriter.record(post(ts, 'secret echo')), store.activityWriter.record(deletion(ts))]);
    expect(results.map((r) => r.duplicate)).toEqual([false, false]);
    // The same row as when the deletion was stored first (scrubbed in JavaScript here, in SQL there).
    expect(await raw(T, `msg:${C}:${ts}`)).toEqual({
      type: 'slack_message.created',
      metadata: { ...place(), message_ts: ts, excerpt: '', deleted_at: deletion(ts).occurredAt.toISOString() },
      searchText: null,
    });
  });

  it('touches nothing else: other messages, the same key in another workspace, rows without a deletion', async () => {
    const [a, b] = [nextTs(), nextTs()];
    await store.activityWriter.record(deletion(a, OTHER));
    await Promise.all([store.activityWriter.record(post(a, 'kept golf')), store.activityWriter.record(post(b, 'kept hotel'))]);
    expect((await raw(T, `msg:${C}:${a}`))?.metadata).toMatchObject({ excerpt: 'kept golf' });
    expect((await raw(T, `msg:${C}:${a}`))?.searchText).toContain('kept golf');
    expect((await raw(T, `msg:${C}:${b}`))?.metadata).toMatchObject({ excerpt: 'kept hotel' });
  });
});

describe.each(DATABASE_KINDS)('filling labels beside a deletion (%s)', (kind) => {
  let store: Store & { url: string };

  beforeAll(async () => {
    store = await createTestStore(kind);
    await store.workspaces.ensure(T);
  });
  afterAll(async () => store?.close());

  it('never writes back text that a deletion scrubbed between reading the row and writing its labels', async () => {
    const ts = '1790009999.000100';
    await store.activityWriter.record({
      workspaceId: T,
      type: 'slack_message.created',
      occurredAt: new Date(1_790_009_999_000),
      initiatorId: null,
      channelId: C,
      metadata: { team_id: T, channel_id: C, message_ts: ts, excerpt: 'secret india' },
      source: 'slack',
      sourceKey: `msg:${C}:${ts}`,
      labelsPending: true,
    });
    const row = await store.activityReads.findBySourceKey(T, `msg:${C}:${ts}`);
    // The label filler read the row; the deletion scrubs it before the filler writes.
    const activities = store.db.activity;
    const stale = await activities.findUnique({ where: { id: row!.id } });
    let reads = 0;
    const db = new Proxy(store.db, {
      get(target, prop, receiver) {
        if (prop !== 'activity') return Reflect.get(target, prop, receiver);
        return new Proxy(activities, {
          get(inner, name, innerReceiver) {
            if (name !== 'findUnique') return Reflect.get(inner, name, innerReceiver);
            return async (args: unknown) => {
              reads += 1;
              if (reads === 1) {
                await store.activities.scrubMessageText(T, [`msg:${C}:${ts}`], new Date(1_790_010_000_000));
                return stale;
              }
              return (inner.findUnique as (a: unknown) => Promise<unknown>)(args);
            };
          },
        });
      },
    });
    const repository = Object.assign(Object.create(Object.getPrototypeOf(store.activities)), store.activities, { db });
    await repository.fillLabels(row!.id, { channel_name: 'scrub', initiator_name: 'Author' }, false);
    expect(reads).toBe(2);
    const after = await store.db.activity.findUnique({ where: { id: row!.id }, select: { metadata: true, searchText: true, labelsPending: true } });
    expect(after).toEqual({
      metadata: { team_id: T, channel_id: C, message_ts: ts, excerpt: '', deleted_at: new Date(1_790_010_000_000).toISOString(), channel_name: 'scrub', initiator_name: 'Author' },
      // A scrubbed row is not searchable at all, as when the labels came before the deletion.
      searchText: null,
      labelsPending: false,
    });
  });
});
