// What a system outside Slack sends us: one activity, with its members named by identity
// rather than by our row ids. The API turns its JSON into this; the use cases take it.
import { randomUUID } from 'node:crypto';

/** A member as another system knows them: a Slack user id, or an email and/or an external id. */
export interface MemberIdentity {
  slackUserId?: string;
  email?: string;
  externalId?: string;
  /** Display name to give a member created from this identity. */
  name?: string;
}

export interface ActivityInput {
  type: string;
  /** The metadata's version; absent means the type's current version. */
  version?: number;
  occurredAt: Date;
  initiator: MemberIdentity | null;
  recipient: MemberIdentity | null;
  metadata: unknown;
  /** The sender's id for this activity: makes the write idempotent (same id, stored once). */
  externalId?: string;
}

/** The source key of an ingested activity: `ext:<external_id>`, else a fresh, never-repeated key. */
export function sourceKeyFor(externalId: string | undefined): string {
  return externalId !== undefined ? `ext:${externalId}` : `api:${randomUUID()}`;
}
