// Shapes of the Slack payloads the simulator produces, following Slack's Events API docs and
// the real payloads in /work/shared/slack-payloads. Only fields Slack actually sends.

export type ChannelType = 'channel' | 'group' | 'im' | 'mpim';

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}

export type RichTextElement =
  | { type: 'text'; text: string; style?: { bold?: boolean; italic?: boolean; strike?: boolean; code?: boolean } }
  | { type: 'user'; user_id: string }
  | { type: 'channel'; channel_id: string }
  | { type: 'usergroup'; usergroup_id: string }
  | { type: 'broadcast'; range: 'here' | 'channel' | 'everyone' }
  | { type: 'link'; url: string; text?: string }
  | { type: 'emoji'; name: string; unicode?: string };

export interface RichTextSection {
  type: 'rich_text_section';
  elements: RichTextElement[];
}

export interface RichTextBlock {
  type: 'rich_text';
  block_id: string;
  elements: RichTextSection[];
}

/** Any Block Kit block; rich_text is the one Slack puts on user messages. */
export type Block = RichTextBlock | { type: string; block_id?: string; [field: string]: unknown };

/** A legacy attachment; Slack adds these to a message when it unfurls a link. */
export interface Attachment {
  id?: number;
  fallback?: string;
  from_url?: string;
  original_url?: string;
  service_name?: string;
  service_icon?: string;
  title?: string;
  title_link?: string;
  text?: string;
  thumb_url?: string;
  thumb_width?: number;
  thumb_height?: number;
  image_url?: string;
  color?: string;
  [field: string]: unknown;
}

export interface SlackFile {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  user_team: string;
  editable: boolean;
  size: number;
  mode: 'hosted' | 'external' | 'snippet' | 'post';
  is_external: boolean;
  external_type: string;
  is_public: boolean;
  public_url_shared: boolean;
  display_as_bot: boolean;
  username: string;
  url_private: string;
  url_private_download: string;
  permalink: string;
  permalink_public: string;
  has_rich_preview: boolean;
  file_access: string;
}

export interface Edited {
  user: string;
  ts: string;
}

/** A message as nested inside message_changed / message_deleted / message_replied / thread_broadcast. */
export interface MessageSnapshot {
  type: 'message';
  subtype?: string;
  client_msg_id?: string;
  user?: string;
  bot_id?: string;
  team?: string;
  text: string;
  ts: string;
  blocks?: Block[];
  attachments?: Attachment[];
  files?: SlackFile[];
  edited?: Edited;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users_count?: number;
  latest_reply?: string;
  reply_users?: string[];
  replies?: Array<{ user: string; ts: string }>;
  is_locked?: boolean;
  subscribed?: boolean;
  source_team?: string;
  user_team?: string;
}

interface MessageEventBase {
  type: 'message';
  channel: string;
  channel_type: ChannelType;
  ts: string;
  event_ts: string;
}

/** A member's message (no subtype); a thread reply when thread_ts differs from ts. */
export interface UserMessageEvent extends MessageEventBase {
  client_msg_id: string;
  user: string;
  team: string;
  text: string;
  blocks: Block[];
  thread_ts?: string;
  parent_user_id?: string;
  attachments?: Attachment[];
  edited?: Edited;
}

export interface FileShareMessageEvent extends Omit<UserMessageEvent, 'thread_ts' | 'parent_user_id'> {
  subtype: 'file_share';
  files: SlackFile[];
  upload: boolean;
  display_as_bot: boolean;
  thread_ts?: string;
  parent_user_id?: string;
}

export interface MeMessageEvent extends MessageEventBase {
  subtype: 'me_message';
  user: string;
  text: string;
}

/** A reply also sent to the channel; Slack omits `team` on these. */
export interface ThreadBroadcastEvent extends Omit<UserMessageEvent, 'thread_ts' | 'team'> {
  subtype: 'thread_broadcast';
  thread_ts: string;
  root: MessageSnapshot;
}

/** A legacy integration / incoming-webhook message. */
export interface BotMessageEvent extends MessageEventBase {
  subtype: 'bot_message';
  text: string;
  bot_id: string;
  username?: string;
  icons?: Record<string, string>;
  app_id?: string;
  blocks?: Block[];
  attachments?: Attachment[];
}

export interface BotProfile {
  id: string;
  deleted: boolean;
  name: string;
  updated: number;
  app_id: string;
  icons: { image_36: string; image_48: string; image_72: string };
  team_id: string;
}

/** A message an app posted with chat.postMessage: no subtype, but bot_id/app_id/bot_profile. */
export interface AppPostedMessageEvent extends MessageEventBase {
  user: string;
  bot_id: string;
  app_id: string;
  text: string;
  team: string;
  bot_profile: BotProfile;
  blocks: Block[];
}

export interface ChannelJoinEvent extends MessageEventBase {
  subtype: 'channel_join';
  user: string;
  text: string;
  inviter?: string;
}

export interface ChannelTopicEvent extends MessageEventBase {
  subtype: 'channel_topic';
  user: string;
  topic: string;
  text: string;
}

export interface ChannelNameEvent extends MessageEventBase {
  subtype: 'channel_name';
  user: string;
  old_name: string;
  name: string;
  text: string;
}

export interface MessageChangedEvent extends MessageEventBase {
  subtype: 'message_changed';
  hidden: true;
  message: MessageSnapshot;
  previous_message: MessageSnapshot;
}

export interface MessageDeletedEvent extends MessageEventBase {
  subtype: 'message_deleted';
  hidden: true;
  deleted_ts: string;
  previous_message: MessageSnapshot;
}

export interface MessageRepliedEvent extends MessageEventBase {
  subtype: 'message_replied';
  hidden: true;
  message: MessageSnapshot;
}

export type MessageEvent =
  | UserMessageEvent
  | FileShareMessageEvent
  | MeMessageEvent
  | ThreadBroadcastEvent
  | BotMessageEvent
  | AppPostedMessageEvent
  | ChannelJoinEvent
  | ChannelTopicEvent
  | ChannelNameEvent
  | MessageChangedEvent
  | MessageDeletedEvent
  | MessageRepliedEvent;

export interface ReactionItem {
  type: 'message';
  channel: string;
  ts: string;
}

export interface ReactionEvent<T extends 'reaction_added' | 'reaction_removed' = 'reaction_added' | 'reaction_removed'> {
  type: T;
  user: string;
  reaction: string;
  item_user: string;
  item: ReactionItem;
  event_ts: string;
}

export interface SlackProfile {
  title: string;
  phone: string;
  skype: string;
  real_name: string;
  real_name_normalized: string;
  display_name: string;
  display_name_normalized: string;
  status_text: string;
  status_text_canonical: string;
  status_emoji: string;
  status_emoji_display_info: Array<{ emoji_name?: string; display_alias?: string; display_url?: string; unicode?: string }>;
  status_expiration: number;
  avatar_hash: string;
  email?: string;
  first_name: string;
  last_name: string;
  image_24: string;
  image_32: string;
  image_48: string;
  image_72: string;
  image_192: string;
  image_512: string;
  team: string;
  /** Custom profile fields; null when the workspace has none set for the user. */
  fields: Record<string, { value: string; alt: string }> | null;
  huddle_state?: string;
  huddle_state_expiration_ts?: number;
  bot_id?: string;
  api_app_id?: string;
  always_active?: boolean;
}

/** A full user object, as in users.info, team_join and user_change. */
export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  color: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  profile: SlackProfile;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  updated: number;
  is_email_confirmed: boolean;
  who_can_share_contact_card: string;
  /** Sent in team_join / user_change; users.info adds it only with include_locale. */
  locale: string;
  is_workflow_bot?: boolean;
}

/** What callers may override on a user: top-level fields and, separately, profile fields. */
export type SlackUserOverrides = Partial<Omit<SlackUser, 'profile'>> & { profile?: Partial<SlackProfile> };

export interface TeamJoinEvent {
  type: 'team_join';
  user: SlackUser;
  cache_ts: number;
  event_ts: string;
}

export interface UserChangeEvent {
  type: 'user_change';
  user: SlackUser;
  cache_ts: number;
  event_ts: string;
}

export interface TopicOrPurpose {
  value: string;
  creator: string;
  last_set: number;
}

/** A channel, private channel or multi-person DM as conversations.info returns it. */
export interface SlackChannel {
  id: string;
  name: string;
  is_channel: boolean;
  is_group: boolean;
  is_im: false;
  is_mpim: boolean;
  is_private: boolean;
  created: number;
  is_archived: boolean;
  is_general: boolean;
  unlinked: number;
  name_normalized: string;
  is_shared: boolean;
  is_org_shared: boolean;
  is_pending_ext_shared: boolean;
  pending_shared: string[];
  context_team_id: string;
  updated: number;
  parent_conversation: string | null;
  creator: string;
  is_ext_shared: boolean;
  shared_team_ids: string[];
  pending_connected_team_ids: string[];
  is_member?: boolean;
  topic: TopicOrPurpose;
  purpose: TopicOrPurpose;
  previous_names: string[];
  num_members?: number;
}

/** A direct-message conversation as conversations.info returns it. */
export interface SlackIm {
  id: string;
  created: number;
  is_archived: boolean;
  is_im: true;
  is_org_shared: boolean;
  context_team_id: string;
  updated: number;
  user: string;
  is_user_deleted: boolean;
  priority: number;
}

export type SlackConversation = SlackChannel | SlackIm;

export interface ChannelRenameEvent {
  type: 'channel_rename';
  channel: { id: string; name: string; name_normalized: string; created: number; is_channel: boolean; is_mpim: boolean };
  event_ts: string;
}

export interface ChannelCreatedEvent {
  type: 'channel_created';
  channel: SlackChannel;
  event_ts: string;
}

export interface MemberJoinedChannelEvent {
  type: 'member_joined_channel';
  user: string;
  channel: string;
  /** "C" for public channels, "G" for private ones. */
  channel_type: 'C' | 'G';
  team: string;
  inviter?: string;
  event_ts: string;
}

/** A published view (App Home), as views.publish returns it and block_actions carries it. */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'home';
  blocks: Block[];
  private_metadata: string;
  callback_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  title: PlainText;
  clear_on_close: boolean;
  notify_on_close: boolean;
  close: PlainText | null;
  submit: PlainText | null;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  external_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface AppHomeOpenedEvent {
  type: 'app_home_opened';
  user: string;
  channel: string;
  tab: 'home' | 'messages';
  view?: SlackView;
  event_ts: string;
}

export interface AppUninstalledEvent {
  type: 'app_uninstalled';
}

export interface TokensRevokedEvent {
  type: 'tokens_revoked';
  tokens: { oauth?: string[]; bot?: string[] };
}

export type SlackEvent =
  | MessageEvent
  | ReactionEvent
  | TeamJoinEvent
  | UserChangeEvent
  | ChannelRenameEvent
  | ChannelCreatedEvent
  | MemberJoinedChannelEvent
  | AppHomeOpenedEvent
  | AppUninstalledEvent
  | TokensRevokedEvent;

export interface Authorization {
  enterprise_id: string | null;
  team_id: string;
  user_id: string;
  is_bot: boolean;
  is_enterprise_install: boolean;
}

/** The Events API envelope Slack POSTs (or wraps in a Socket Mode events_api envelope). */
export interface EventCallback<E extends { type: string } = SlackEvent> {
  token: string;
  team_id: string;
  context_team_id: string;
  context_enterprise_id: string | null;
  api_app_id: string;
  event: E;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: Authorization[];
  is_ext_shared_channel: boolean;
  event_context: string;
  enterprise_id?: string;
}

export interface UrlVerification {
  token: string;
  challenge: string;
  type: 'url_verification';
}

/** Slash-command fields, all strings as Slack form-encodes them. */
export type SlashCommandFields = {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
};

export interface BlockAction {
  action_id: string;
  block_id: string;
  type: string;
  action_ts: string;
  value?: string;
  text?: PlainText;
  style?: 'primary' | 'danger';
  selected_option?: { text: PlainText; value: string };
  selected_user?: string;
  selected_channel?: string;
  selected_conversation?: string;
  selected_date?: string;
  placeholder?: PlainText;
}

export type BlockActionsContainer =
  | { type: 'message'; message_ts: string; channel_id: string; is_ephemeral: boolean; thread_ts?: string }
  | { type: 'view'; view_id: string };

export interface BlockActionsPayload {
  type: 'block_actions';
  user: { id: string; username: string; name: string; team_id: string };
  api_app_id: string;
  token: string;
  container: BlockActionsContainer;
  trigger_id: string;
  team: { id: string; domain: string; enterprise_id?: string; enterprise_name?: string };
  enterprise: { id: string; name: string } | null;
  is_enterprise_install: boolean;
  channel?: { id: string; name: string };
  message?: MessageSnapshot;
  view?: SlackView;
  state?: { values: Record<string, Record<string, unknown>> };
  response_url?: string;
  actions: BlockAction[];
}
