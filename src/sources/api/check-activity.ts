// Checks an activity from outside Slack against the registry, collecting every problem
// rather than stopping at the first: the type exists and may be sent through the API, the
// version exists, the metadata fits that version's schema (and has no other keys), the
// recipient fits the type.
import type { ActivityRegistry } from '../../activities/registry';
import { ErrorCode } from '../../errors';
import { isStorableInstant, UNSTORABLE_INSTANT_MESSAGE } from '../../storable';
import type { Problem } from './problems';

/** How far ahead of our clock an occurred_at may be (senders' clocks drift). */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * The parts of an activity that could be read. `undefined` means "missing or unreadable,
 * already reported": the checks that depend on it are skipped. A `version` of `undefined`
 * means the current version; `null` means an unreadable one.
 */
export interface ActivityParts {
  type?: string | undefined;
  version?: number | null | undefined;
  metadata?: unknown;
  hasRecipient?: boolean | undefined;
  occurredAt?: Date | undefined;
}

/** A valid activity, brought to its type's current version (new activities are written at it). */
export interface CheckedActivity {
  type: string;
  version: number;
  metadata: Record<string, unknown>;
}

export interface CheckResult {
  problems: Problem[];
  /** Present when there are no problems and every part was given. */
  checked?: CheckedActivity;
}

export function checkActivity(registry: ActivityRegistry, parts: ActivityParts, now: Date = new Date()): CheckResult {
  const problems: Problem[] = [];
  if (parts.occurredAt && !isStorableInstant(parts.occurredAt)) {
    // An offset can take a valid-looking instant out of range: 0001-01-01T00:00:00+01:00 is in year 0.
    problems.push({ code: ErrorCode.InvalidRequest, path: 'occurred_at', message: `${UNSTORABLE_INSTANT_MESSAGE} (in UTC)` });
  } else if (parts.occurredAt && parts.occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    problems.push({ code: ErrorCode.InvalidRequest, path: 'occurred_at', message: 'is more than a day in the future' });
  }
  const { type } = parts;
  if (type === undefined) return { problems };
  if (!registry.has(type)) {
    problems.push({ code: ErrorCode.ActivityUnknownType, path: 'type', message: `"${type}" is not a registered activity type` });
    return { problems };
  }
  const definition = registry.get(type);
  if (definition.source !== 'external') {
    problems.push({
      code: ErrorCode.ActivityNotIngestible,
      path: 'type',
      message: `${type} is recorded from Slack events only and cannot be sent through the API`,
    });
    return { problems };
  }

  const rule = definition.recipient;
  if (parts.hasRecipient === true && rule.kind === 'none') {
    problems.push({ code: ErrorCode.ActivityRecipientNotAllowed, path: 'recipient', message: `${type} activities have no recipient` });
  }
  if (parts.hasRecipient === false && rule.kind === 'required') {
    problems.push({ code: ErrorCode.ActivityRecipientRequired, path: 'recipient', message: `required for ${type}: ${rule.who}` });
  }

  const current = definition.versions.length;
  const version = parts.version === undefined ? current : parts.version;
  if (version === null) return { problems };
  if (!definition.versions.some((v) => v.version === version)) {
    problems.push({
      code: ErrorCode.ActivityUnknownVersion,
      path: 'version',
      message: `${type} supports versions ${definition.versions.map((v) => v.version).join(', ')}, not ${version}`,
    });
    return { problems };
  }
  if (parts.metadata === undefined) return { problems };
  // Strict: a key the version does not define is refused, not silently dropped (a typo in a
  // field name would otherwise lose that field without anyone noticing).
  const parsed = registry.check(type, version, parts.metadata, { strict: true });
  if (!parsed.success) {
    problems.push(...parsed.issues.map((issue) => ({ ...issue, code: ErrorCode.ActivityInvalidMetadata })));
    return { problems };
  }
  if (problems.length > 0 || parts.hasRecipient === undefined || parts.occurredAt === undefined) return { problems };
  // Accepted at any supported version, stored at the current one: the upgrade is the same,
  // validated path that stored rows are read through.
  const upgraded = registry.upgrade(type, version, parsed.data);
  return { problems, checked: { type, version: upgraded.version, metadata: upgraded.metadata } };
}
