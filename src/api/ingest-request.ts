// Reads one activity of an ingest request: the envelope against its zod schema, and whatever
// parts are readable against the registry, so a sender learns every problem at once (a bad
// occurred_at and bad metadata, not one per attempt).
import type { z } from 'zod';
import { plainWords, toIssues } from '../activities/issues';
import type { ActivityRegistry } from '../activities/registry';
import { ErrorCode } from '../errors';
import type { ActivityInput, MemberIdentity } from '../sources/api/activity-input';
import { checkActivity } from '../sources/api/check-activity';
import type { Problem } from '../sources/api/problems';
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPaths } from '../storable';
import { ingestActivityRequest, memberIdentity, type MemberIdentityRequest } from './schemas/ingest';

export interface ReadItem {
  /** Present when there are no problems. */
  input?: ActivityInput;
  problems: Problem[];
  /** The item's external_id when it could be read, to name it in a batch failure. */
  externalId: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function identity(m: MemberIdentityRequest | null | undefined): MemberIdentity | null {
  if (!m) return null;
  return {
    ...(m.slack_user_id !== undefined ? { slackUserId: m.slack_user_id } : {}),
    ...(m.email !== undefined ? { email: m.email } : {}),
    ...(m.external_id !== undefined ? { externalId: m.external_id } : {}),
    ...(m.name !== undefined ? { name: m.name } : {}),
  };
}

const fieldList = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape).join(', ');
const ACTIVITY_FIELDS = fieldList(ingestActivityRequest);
const MEMBER_FIELDS = fieldList(memberIdentity);

/** What an unknown key of an activity is not part of: the activity itself, or one of its members. */
function unknownActivityKey(parent: string[]): string {
  if (parent.length === 0) return `unknown field: not part of an activity (${ACTIVITY_FIELDS})`;
  if (parent.length === 1 && (parent[0] === 'initiator' || parent[0] === 'recipient')) return `unknown field: not part of a member (${MEMBER_FIELDS})`;
  return 'unknown field';
}

/**
 * zod's issues of an envelope as problems, in plain words (parse with `plainWords`); an unknown
 * field is reported at its own path, not its parent's.
 */
export function envelopeProblems(error: z.ZodError, unknownKey: (parent: string[]) => string = unknownActivityKey): Problem[] {
  return toIssues(error, '', { unknownKey }).map((issue) => ({ ...issue, code: ErrorCode.InvalidRequest }));
}

/**
 * One problem per string (or key) of an item holding text no database stores (a NUL, an
 * unpaired surrogate), at its path. Refused, not repaired: the sender can fix it, and an
 * activity must not be stored with text other than what was sent. Reported like any other bad
 * value of its field: in metadata a 422 (activity_invalid_metadata), elsewhere a 400.
 */
export function unstorableTextProblems(raw: unknown): Problem[] {
  return unstorableTextPaths(raw).map((path) => ({
    code: path === 'metadata' || path.startsWith('metadata.') ? ErrorCode.ActivityInvalidMetadata : ErrorCode.InvalidRequest,
    path,
    message: UNSTORABLE_TEXT_MESSAGE,
  }));
}

export function readIngestItem(raw: unknown, registry: ActivityRegistry, now: Date = new Date()): ReadItem {
  const envelope = ingestActivityRequest.safeParse(raw, { error: plainWords });
  const text = unstorableTextProblems(raw);
  const problems: Problem[] = [...text, ...(envelope.success ? [] : envelopeProblems(envelope.error))];
  const fieldOf = (p: Problem) => p.path.split('.')[0];
  // A field whose text is refused is not looked up further (a type holding a NUL is not also
  // "not a registered type"); metadata still is, to report its other problems in one go.
  const reported = new Set(problems.filter((p) => !text.includes(p) || fieldOf(p) !== 'metadata').map(fieldOf));
  const item = isRecord(raw) ? raw : {};
  const readable = (field: string) => field in item && !reported.has(field);

  // Check what can be checked; a part the envelope already refused is not reported twice.
  const version = item.version === undefined ? undefined : readable('version') ? (item.version as number) : null;
  const domain = checkActivity(
    registry,
    {
      type: readable('type') ? (item.type as string) : undefined,
      version,
      metadata: readable('metadata') ? item.metadata : undefined,
      hasRecipient: reported.has('recipient') ? undefined : item.recipient !== undefined && item.recipient !== null,
      occurredAt: envelope.success ? new Date(envelope.data.occurred_at) : undefined,
    },
    now,
  );
  problems.push(...domain.problems);
  const externalId = typeof item.external_id === 'string' ? item.external_id : null;
  if (!envelope.success || problems.length > 0) return { problems, externalId };

  const data = envelope.data;
  return {
    problems,
    externalId,
    input: {
      type: data.type,
      ...(data.version !== undefined ? { version: data.version } : {}),
      occurredAt: new Date(data.occurred_at),
      initiator: identity(data.initiator),
      recipient: identity(data.recipient),
      metadata: data.metadata,
      ...(data.external_id !== undefined ? { externalId: data.external_id } : {}),
    },
  };
}
