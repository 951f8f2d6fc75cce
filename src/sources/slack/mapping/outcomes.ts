// Constructors for the mapping outcomes, plus the shared draft pieces.
import { teamId } from './fields';
import type { DeliveryContext, SlackMapping } from './types';

export function ignore(reason: string): { kind: 'ignore'; reason: string } {
  return { kind: 'ignore', reason };
}

export function unmappable(reason: string): { kind: 'unmappable'; reason: string } {
  return { kind: 'unmappable', reason };
}

/** The workspace's team id, checked: every Slack draft's metadata starts with it. */
export function deliveryTeamId(ctx: DeliveryContext | undefined): string | undefined {
  return teamId(ctx?.teamId);
}

/** Runs a mapper so that nothing it meets, however strange, escapes as an exception. */
export function guarded<M extends SlackMapping | { kind: string }>(
  what: string,
  map: () => M,
): M | { kind: 'unmappable'; reason: string } {
  try {
    return map();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unmappable(`${what} could not be read: ${message}`);
  }
}
