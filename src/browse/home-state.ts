// A member's App Home state: the filters they chose and how far they have scrolled. It travels
// in the view's private_metadata (JSON, ≤ 3000 characters), so Slack hands it back with every
// click and with app_home_opened (which carries the last published view) — it survives a
// restart that way — and is also kept in memory per member for the moment between the two.
import { z } from 'zod';
import type { ActivityRegistry } from '../activities/registry';
import type { BrowseFilter } from './browse-filter';
import { addDays, parseDay, startOfDay } from './time-zone';

export const HOME_PAGE_SIZE = 20;
/** Rows a Home view shows at most before "Load more" turns into "Older" (the view allows 100 blocks). */
export const HOME_MAX_ROWS = 60;

export interface HomeState {
  v: 1;
  type?: string;
  user?: string;
  channel?: string;
  /** YYYY-MM-DD, inclusive, in the viewer's zone. */
  from?: string;
  /** YYYY-MM-DD, inclusive, in the viewer's zone. */
  to?: string;
  /** Rows shown. */
  limit: number;
  /** When set, the list starts after this cursor (the member went past HOME_MAX_ROWS). */
  older?: string;
  /** Page number of the older window (1 = newest), for display. */
  window?: number;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const schema = z.object({
  v: z.literal(1),
  type: z.string().max(100).optional(),
  user: z.string().regex(/^[UW][A-Z0-9]{1,30}$/).optional(),
  channel: z.string().regex(/^[CGD][A-Z0-9]{1,30}$/).optional(),
  from: day.optional(),
  to: day.optional(),
  limit: z.number().int().min(1).max(HOME_MAX_ROWS),
  older: z.string().min(1).max(200).optional(),
  window: z.number().int().min(1).max(100_000).optional(),
});

export function defaultHomeState(): HomeState {
  return { v: 1, limit: HOME_PAGE_SIZE };
}

/** The state in a view's private_metadata, or null when there is none or it is not ours. */
export function parseHomeState(privateMetadata: string | null | undefined): HomeState | null {
  if (!privateMetadata) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? (parsed.data as HomeState) : null;
  } catch {
    return null;
  }
}

export function serializeHomeState(state: HomeState): string {
  return JSON.stringify(state);
}

export function hasHomeFilters(state: HomeState): boolean {
  return Boolean(state.type || state.user || state.channel || state.from || state.to);
}

/** What a click in the Home tab asks for. */
export type HomeAction =
  | { kind: 'type'; value: string | null }
  | { kind: 'user'; value: string | null }
  | { kind: 'channel'; value: string | null }
  | { kind: 'from'; value: string | null }
  | { kind: 'to'; value: string | null }
  | { kind: 'clear' }
  | { kind: 'load_more' }
  | { kind: 'older'; cursor: string }
  | { kind: 'newest' }
  | { kind: 'refresh' };

/** The state after an action. Changing a filter starts the list again from the newest. */
export function applyHomeAction(state: HomeState, action: HomeAction): HomeState {
  const fresh = (next: Partial<HomeState>): HomeState => {
    const merged: HomeState = { ...state, ...next, limit: HOME_PAGE_SIZE };
    delete merged.older;
    delete merged.window;
    for (const key of ['type', 'user', 'channel', 'from', 'to'] as const) if (merged[key] === undefined || merged[key] === null) delete merged[key];
    return merged;
  };
  switch (action.kind) {
    case 'type':
      return fresh({ type: action.value && action.value !== 'all' ? action.value : undefined });
    case 'user':
      return fresh({ user: action.value ?? undefined });
    case 'channel':
      return fresh({ channel: action.value ?? undefined });
    case 'from':
      return fresh({ from: action.value && parseDay(action.value) ? action.value : undefined });
    case 'to':
      return fresh({ to: action.value && parseDay(action.value) ? action.value : undefined });
    case 'clear':
      return defaultHomeState();
    case 'load_more':
      return { ...state, limit: Math.min(state.limit + HOME_PAGE_SIZE, HOME_MAX_ROWS) };
    case 'older':
      return { ...state, older: action.cursor, window: (state.window ?? 1) + 1, limit: HOME_PAGE_SIZE };
    case 'newest': {
      const next: HomeState = { ...state, limit: HOME_PAGE_SIZE };
      delete next.older;
      delete next.window;
      return next;
    }
    case 'refresh':
      return state;
  }
}

/** The Home filters as a browse filter (dates are whole days in the viewer's zone; from/to swapped if reversed). */
export function homeFilter(state: HomeState, timeZone: string, registry: ActivityRegistry): BrowseFilter {
  let from = state.from ? parseDay(state.from) : null;
  let to = state.to ? parseDay(state.to) : null;
  if (from && to && startOfDay(from, 'UTC') > startOfDay(to, 'UTC')) [from, to] = [to, from];
  return {
    types: state.type && registry.has(state.type) ? [state.type] : [],
    channels: state.channel ? [{ id: state.channel }] : [],
    ...(state.user ? { member: { slackUserId: state.user } } : {}),
    ...(from ? { since: startOfDay(from, timeZone) } : {}),
    ...(to ? { until: startOfDay(addDays(to, 1), timeZone) } : {}),
  };
}

/** Home states kept per member between publishing a view and the next event (bounded, oldest dropped). */
export class HomeStateMemory {
  private readonly states = new Map<string, HomeState>();

  constructor(private readonly maxEntries = 10_000) {}

  get(workspaceId: string, userId: string): HomeState | undefined {
    return this.states.get(`${workspaceId}:${userId}`);
  }

  set(workspaceId: string, userId: string, state: HomeState): void {
    const key = `${workspaceId}:${userId}`;
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > this.maxEntries) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
  }
}
