// The state a Previous / Next button carries in its value (at most 2000 characters): the
// resolved filter (instants frozen, so paging does not drift as time passes), the cursor and
// the page number. Compact JSON, validated on the way back in.
import { z } from 'zod';
import { isStorableInstant } from '../storable';
import { LIMITS } from '../ui/limits';
import type { BrowseFilter } from './browse-filter';

export interface PageToken {
  filter: BrowseFilter;
  direction: 'older' | 'newer';
  cursor: string;
  /** The page number the button leads to (1 = newest). */
  page: number;
}

const label = z.string().max(200).optional();
const compact = z.object({
  m: z.object({ i: z.string().regex(/^[UW][A-Z0-9]+$/), l: label }).optional(),
  c: z.array(z.object({ i: z.string().regex(/^[CGD][A-Z0-9]+$/), l: label })).max(20).optional(),
  t: z.array(z.string().max(100)).max(100).optional(),
  // Instants within the years the store holds: a crafted one outside them would fail the query.
  s: z.number().int().refine(isStorableInstant).optional(),
  u: z.number().int().refine(isStorableInstant).optional(),
  r: z.string().max(100).optional(),
  q: z.string().max(500).optional(),
});
const token = z.object({ f: compact, d: z.enum(['o', 'n']), c: z.string().min(1).max(200), p: z.number().int().min(1).max(1_000_000) });

function compactFilter(filter: BrowseFilter, withLabels: boolean): z.infer<typeof compact> {
  return {
    ...(filter.member ? { m: { i: filter.member.slackUserId, ...(withLabels && filter.member.label ? { l: filter.member.label } : {}) } } : {}),
    ...(filter.channels.length ? { c: filter.channels.map((c) => ({ i: c.id, ...(withLabels && c.label ? { l: c.label } : {}) })) } : {}),
    ...(filter.types.length ? { t: filter.types } : {}),
    ...(filter.since ? { s: filter.since.getTime() } : {}),
    ...(filter.until ? { u: filter.until.getTime() } : {}),
    ...(filter.rangeLabel && withLabels ? { r: filter.rangeLabel } : {}),
    ...(filter.text ? { q: filter.text } : {}),
  };
}

/** The button value for a page; labels are dropped first if the value would be too long. */
export function encodePageToken(page: PageToken): string {
  for (const withLabels of [true, false]) {
    const value = JSON.stringify({ f: compactFilter(page.filter, withLabels), d: page.direction === 'older' ? 'o' : 'n', c: page.cursor, p: page.page });
    if (value.length <= LIMITS.buttonValue) return value;
  }
  throw new Error('page token does not fit in a button value');
}

/** The page a button value names, or null when it is not one this app wrote. */
export function decodePageToken(value: string | undefined): PageToken | null {
  if (!value) return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = token.safeParse(json);
  if (!parsed.success) return null;
  const { f, d, c, p } = parsed.data;
  const filter: BrowseFilter = {
    channels: (f.c ?? []).map((c) => ({ id: c.i, ...(c.l ? { label: c.l } : {}) })),
    types: f.t ?? [],
    ...(f.m ? { member: { slackUserId: f.m.i, ...(f.m.l ? { label: f.m.l } : {}) } } : {}),
    ...(f.s !== undefined ? { since: new Date(f.s) } : {}),
    ...(f.u !== undefined ? { until: new Date(f.u) } : {}),
    ...(f.r ? { rangeLabel: f.r } : {}),
    ...(f.q ? { text: f.q } : {}),
  };
  return { filter, direction: d === 'o' ? 'older' : 'newer', cursor: c, page: p };
}
