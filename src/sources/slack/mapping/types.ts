// What the Slack mappers decide for one Events API delivery. Pure data: the caller
// (src/sources/slack/record-slack-mapping.ts) makes it durable.

/** One activity to record, before point-in-time labels (names) are filled in by the caller. */
export interface SlackActivityDraft {
  /** Registry type name, e.g. "slack_message.created". */
  type: string;
  /**
   * From Slack's own timestamps, never arrival time: the event's event_ts wherever Slack gives
   * it (full precision), else the ts or edited.ts it carries, else the envelope's event_time
   * (whole seconds). A Date holds milliseconds; see occurredAtMicros for the rest.
   */
  occurredAt: Date;
  /**
   * The microseconds past occurredAt's millisecond (0-999) when the time came from a Slack ts:
   * the store orders activities within one millisecond by them (absent: 0).
   */
  occurredAtMicros?: number;
  initiatorUserId: string | null;
  recipientUserId: string | null;
  channelId: string | null;
  /** From the event when Slack says (message events' channel_type), else null (unknown: reactions). */
  channelType: 'channel' | 'group' | null;
  /** WITHOUT point-in-time labels (channel_name, initiator_name, recipient_name): the caller fills those from its cache. */
  metadata: Record<string, unknown>;
  /**
   * Idempotency key, unique per workspace: the same Slack event (retried, delivered to several
   * replicas, or seen again in a history import) yields the same key.
   */
  sourceKey: string;
  /**
   * For a draft holding a message's words (a post, a reply, an edit): the source key its
   * deletion is recorded under. If that deletion is already stored, the store writes this
   * draft scrubbed, so a deletion wins whatever order the events arrive in.
   */
  deletionSourceKey?: string;
}

export type SlackMapping =
  | { kind: 'activity'; draft: SlackActivityDraft }
  | {
      kind: 'deletion';
      /** slack_message.deleted to record, or null when there is nothing to record (only a scrub). */
      draft: SlackActivityDraft | null;
      channelId: string;
      /** ts of the deleted message. */
      messageTs: string;
      /** Source keys starting with any of these hold text of the deleted message: scrub it. */
      scrubSourceKeyPrefixes: string[];
      /** Slack did not say who wrote it: take the initiator from the stored original (msg:<channel>:<messageTs>). */
      needsAuthorLookup: boolean;
    }
  /** Not member activity (bot, system subtype, DM ...): logged, not stored. */
  | { kind: 'ignore'; reason: string }
  /** Unexpected shape: the caller keeps the payload in the dead-letter table. */
  | { kind: 'unmappable'; reason: string };

/** Facts from the delivery envelope (and Bolt's context) that the inner event does not carry. */
export interface DeliveryContext {
  /** The workspace the event was delivered for. */
  teamId: string;
  eventId?: string;
  /** Envelope `event_time`, in seconds. */
  eventTime?: number;
  isExtSharedChannel?: boolean;
  /** Our own bot user: its messages are never member activity. */
  botUserId?: string;
}

/** A Slack user's profile as the caller stores it (fields left out are unknown: keep what is stored). */
export interface SlackUserProfile {
  displayName?: string | null;
  realName?: string | null;
  avatarUrl?: string | null;
  timezone?: string | null;
  isBot?: boolean;
  isDeleted?: boolean;
}

/** What mapTeamJoinEvent returns: a SlackMapping, with the joining user's profile when it is an activity. */
export type TeamJoinMapping =
  | { kind: 'activity'; draft: SlackActivityDraft; userId: string; profile: SlackUserProfile }
  | { kind: 'ignore'; reason: string }
  | { kind: 'unmappable'; reason: string };
