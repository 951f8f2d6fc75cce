// How activity types are named to people: in counts ("12 thread replies") and in menus.

const LABELS: Readonly<Record<string, { one: string; many: string; menu: string }>> = {
  'slack_message.created': { one: 'message', many: 'messages', menu: 'Messages' },
  'slack_message.threaded_reply.created': { one: 'thread reply', many: 'thread replies', menu: 'Thread replies' },
  'slack_message.edited': { one: 'edit', many: 'edits', menu: 'Message edits' },
  'slack_message.deleted': { one: 'deletion', many: 'deletions', menu: 'Message deletions' },
  'slack_reaction.added': { one: 'reaction', many: 'reactions', menu: 'Reactions added' },
  'slack_reaction.removed': { one: 'reaction removed', many: 'reactions removed', menu: 'Reactions removed' },
  'workspace.user_joined': { one: 'new member', many: 'new members', menu: 'Members joining' },
  'post.created': { one: 'post', many: 'posts', menu: 'Posts' },
  'post.edited': { one: 'post edit', many: 'post edits', menu: 'Post edits' },
  'post.deleted': { one: 'post deleted', many: 'posts deleted', menu: 'Post deletions' },
  'comment.created': { one: 'comment', many: 'comments', menu: 'Comments' },
  'comment.edited': { one: 'comment edit', many: 'comment edits', menu: 'Comment edits' },
  'comment.deleted': { one: 'comment deleted', many: 'comments deleted', menu: 'Comment deletions' },
  'poll.created': { one: 'poll', many: 'polls', menu: 'Polls' },
  'poll.vote_added': { one: 'poll vote', many: 'poll votes', menu: 'Poll votes' },
  'award.given': { one: 'award', many: 'awards', menu: 'Awards' },
  'badge.given': { one: 'badge', many: 'badges', menu: 'Badges' },
  'credential.given': { one: 'credential', many: 'credentials', menu: 'Credentials' },
  'journey.completed': { one: 'journey completed', many: 'journeys completed', menu: 'Journeys completed' },
  'milestone.completed': { one: 'milestone reached', many: 'milestones reached', menu: 'Milestones reached' },
  'calendar_event.user_registered': { one: 'event registration', many: 'event registrations', menu: 'Event registrations' },
  'calendar_event.user_unregistered': { one: 'cancelled registration', many: 'cancelled registrations', menu: 'Cancelled registrations' },
  'site.auth.login_success': { one: 'sign-in', many: 'sign-ins', menu: 'Sign-ins' },
  'site.auth.login_failure': { one: 'failed sign-in', many: 'failed sign-ins', menu: 'Failed sign-ins' },
};

/** "thread reply" / "thread replies" for a count of a type. */
export function typeNoun(type: string, count: number): string {
  const label = LABELS[type];
  if (!label) return type;
  return count === 1 ? label.one : label.many;
}

/** "Thread replies": the type's name in menus and summaries. */
export function typeMenuLabel(type: string): string {
  return LABELS[type]?.menu ?? type;
}
