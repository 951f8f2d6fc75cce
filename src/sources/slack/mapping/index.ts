// Pure mappings from Slack Events API deliveries to what to record. No I/O, no Bolt.
export type { DeliveryContext, SlackActivityDraft, SlackMapping, SlackUserProfile, TeamJoinMapping } from './types';
export {
  mapMessageEvent,
  messageSourceKey,
  editSourceKey,
  deleteSourceKey,
  editSourceKeyPrefix,
  scrubPrefixes,
} from './map-message';
export { mapReactionEvent, reactionSourceKey, type ReactionChange } from './map-reaction';
export { mapTeamJoinEvent, teamJoinSourceKey } from './map-team-join';
export { profileFromSlackUser } from './profile';
export { dateFromSlackTs, dateFromEpochSeconds, isSlackTs, microsOfSlackTs, slackInstant } from './slack-time';
export { MEMBER_SUBTYPES, SYSTEM_SUBTYPES } from './subtypes';
