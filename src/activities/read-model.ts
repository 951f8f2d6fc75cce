// The activity log as every surface reads it (/activity, App Home, the API, exports, Studio):
// the read model's types. They belong to the domain; the store produces them
// (src/store/activities/) and the read use cases (src/queries/) hand them to the surfaces.

/** The name people know a member by: display name, else real name (null when neither is known). */
export function memberName(m: { displayName: string | null; realName: string | null }): string | null {
  return m.displayName || m.realName || null;
}

export interface MemberSummary {
  id: string;
  slackUserId: string | null;
  name: string | null;
}

/** An activity as read back: metadata at the type's current version, stored version kept. */
export interface ActivityView {
  id: string;
  workspaceId: string;
  type: string;
  version: number;
  storedVersion: number;
  occurredAt: Date;
  receivedAt: Date;
  initiator: MemberSummary | null;
  recipient: MemberSummary | null;
  channelId: string | null;
  channelPrivate: boolean;
  metadata: Record<string, unknown>;
  source: string;
  sourceKey: string;
  labelsPending: boolean;
  /**
   * Read side only, filled by browsing (src/browse) for a message or reply edited since it was
   * posted: the newest edit's text and when it was made. The metadata keeps the text as posted.
   */
  edited?: MessageEdit;
}

/** A message's newest edit, as browsing shows it beside the original. */
export interface MessageEdit {
  /** The text after the edit (the edit's excerpt); empty once the message is deleted. */
  excerpt: string;
  editedAt: Date;
}

export interface ActivityFilter {
  workspaceId: string;
  types?: string[];
  initiatorId?: string;
  recipientId?: string;
  /** As initiator or recipient. */
  memberId?: string;
  channelIds?: string[];
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  /** Case-insensitive substring of the searchable text. */
  q?: string;
  /** When set, activities in private channels are visible only if listed here. */
  visibleTo?: { privateChannelIds: string[] };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Activities of one type on one calendar day. */
export interface DayCount {
  day: string;
  type: string;
  count: number;
}

/** A page of /activity or the Home tab, with cursors for the pages either side (null: none). */
export interface BrowsePage {
  items: ActivityView[];
  olderCursor: string | null;
  newerCursor: string | null;
}
