import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import {
  applyHomeAction,
  defaultHomeState,
  HOME_MAX_ROWS,
  HOME_PAGE_SIZE,
  homeFilter,
  HomeStateMemory,
  parseHomeState,
  serializeHomeState,
  type HomeState,
} from '../../../src/browse/home-state';

describe('Home state', () => {
  it('round-trips through private_metadata and rejects what is not ours', () => {
    const state: HomeState = { v: 1, type: 'slack_reaction.added', user: 'U1', channel: 'C1', from: '2026-11-01', to: '2026-11-03', limit: 40 };
    expect(parseHomeState(serializeHomeState(state))).toEqual(state);
    expect(parseHomeState('')).toBeNull();
    expect(parseHomeState('not json')).toBeNull();
    expect(parseHomeState('{"v":2,"limit":20}')).toBeNull();
    expect(parseHomeState(JSON.stringify({ v: 1, limit: 5000 }))).toBeNull();
    expect(parseHomeState(JSON.stringify({ v: 1, limit: 20, user: 'not-a-user' }))).toBeNull();
  });

  it('stays far below 3000 characters at its largest', () => {
    const largest: HomeState = { v: 1, type: 'x'.repeat(100), user: `U${'A'.repeat(30)}`, channel: `C${'A'.repeat(30)}`, from: '2026-11-01', to: '2026-11-30', limit: HOME_MAX_ROWS, older: 'c'.repeat(200), window: 99_999 };
    expect(serializeHomeState(largest).length).toBeLessThan(3000);
  });

  it('applies filter changes from the newest, paging on top of filters', () => {
    let state = defaultHomeState();
    state = applyHomeAction(state, { kind: 'load_more' });
    expect(state.limit).toBe(HOME_PAGE_SIZE * 2);
    state = applyHomeAction(state, { kind: 'type', value: 'slack_message.created' });
    expect(state).toEqual({ v: 1, type: 'slack_message.created', limit: HOME_PAGE_SIZE });
    state = applyHomeAction(state, { kind: 'user', value: 'U1' });
    state = applyHomeAction(state, { kind: 'channel', value: 'C1' });
    state = applyHomeAction(state, { kind: 'from', value: '2026-11-01' });
    state = applyHomeAction(state, { kind: 'to', value: 'garbage' });
    expect(state).toEqual({ v: 1, type: 'slack_message.created', user: 'U1', channel: 'C1', from: '2026-11-01', limit: HOME_PAGE_SIZE });
    state = applyHomeAction(state, { kind: 'type', value: 'all' });
    expect(state.type).toBeUndefined();
    for (let i = 0; i < 10; i++) state = applyHomeAction(state, { kind: 'load_more' });
    expect(state.limit).toBe(HOME_MAX_ROWS);
    state = applyHomeAction(state, { kind: 'older', cursor: 'abc' });
    expect(state).toMatchObject({ older: 'abc', window: 2, limit: HOME_PAGE_SIZE });
    state = applyHomeAction(state, { kind: 'newest' });
    expect(state.older).toBeUndefined();
    expect(applyHomeAction(state, { kind: 'clear' })).toEqual(defaultHomeState());
  });

  it('turns filters into a browse filter in the viewer zone, dates inclusive', () => {
    const filter = homeFilter({ v: 1, type: 'slack_message.created', user: 'U1', channel: 'C1', from: '2026-11-03', to: '2026-11-01', limit: 20 }, 'Europe/Paris', activityRegistry);
    expect(filter).toEqual({
      types: ['slack_message.created'],
      channels: [{ id: 'C1' }],
      member: { slackUserId: 'U1' },
      since: new Date('2026-10-31T23:00:00Z'),
      until: new Date('2026-11-03T23:00:00Z'),
    });
    expect(homeFilter({ v: 1, type: 'no.such_type', limit: 20 }, 'UTC', activityRegistry).types).toEqual([]);
  });

  it('remembers states per member, dropping the oldest past its bound', () => {
    const memory = new HomeStateMemory(2);
    memory.set('T1', 'U1', { v: 1, limit: 20 });
    memory.set('T1', 'U2', { v: 1, limit: 40 });
    memory.set('T2', 'U1', { v: 1, limit: 60 });
    expect(memory.get('T1', 'U1')).toBeUndefined();
    expect(memory.get('T1', 'U2')?.limit).toBe(40);
    expect(memory.get('T2', 'U1')?.limit).toBe(60);
  });
});
