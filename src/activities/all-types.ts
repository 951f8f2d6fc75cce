// Every registered activity type. Add a type: create its folder under types/ and list it here.
import type { ActivityTypeDefinition } from './define';
import { awardGiven } from './types/award-given';
import { badgeGiven } from './types/badge-given';
import { calendarEventUserRegistered } from './types/calendar-event-user-registered';
import { calendarEventUserUnregistered } from './types/calendar-event-user-unregistered';
import { commentCreated } from './types/comment-created';
import { commentDeleted } from './types/comment-deleted';
import { commentEdited } from './types/comment-edited';
import { credentialGiven } from './types/credential-given';
import { journeyCompleted } from './types/journey-completed';
import { milestoneCompleted } from './types/milestone-completed';
import { pollCreated } from './types/poll-created';
import { pollVoteAdded } from './types/poll-vote-added';
import { postCreated } from './types/post-created';
import { postDeleted } from './types/post-deleted';
import { postEdited } from './types/post-edited';
import { siteAuthLoginFailure } from './types/site-auth-login-failure';
import { siteAuthLoginSuccess } from './types/site-auth-login-success';
import { slackMessageCreated } from './types/slack-message-created';
import { slackMessageDeleted } from './types/slack-message-deleted';
import { slackMessageEdited } from './types/slack-message-edited';
import { slackMessageThreadedReplyCreated } from './types/slack-message-threaded-reply-created';
import { slackReactionAdded } from './types/slack-reaction-added';
import { slackReactionRemoved } from './types/slack-reaction-removed';
import { workspaceUserJoined } from './types/workspace-user-joined';

export const ALL_ACTIVITY_TYPES: readonly ActivityTypeDefinition[] = [
  // Slack events
  slackMessageCreated,
  slackMessageThreadedReplyCreated,
  slackMessageEdited,
  slackMessageDeleted,
  slackReactionAdded,
  slackReactionRemoved,
  workspaceUserJoined,
  // Community site and events tool, through the ingest API
  postCreated,
  postEdited,
  postDeleted,
  commentCreated,
  commentEdited,
  commentDeleted,
  pollCreated,
  pollVoteAdded,
  awardGiven,
  badgeGiven,
  credentialGiven,
  journeyCompleted,
  milestoneCompleted,
  calendarEventUserRegistered,
  calendarEventUserUnregistered,
  siteAuthLoginSuccess,
  siteAuthLoginFailure,
];
