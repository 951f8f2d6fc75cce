// The words for activity types that every surface accepts (/activity's `type:`, the API's and
// the CLI's `type`): a full type name, a short alias (reactions, replies …), or a family prefix
// (type:slack_message, type:post) for every type under it.
import type { ActivityRegistry } from '../activities/registry';

/** alias → the types it stands for. Plural is the documented form; singular also works. */
export const TYPE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  messages: ['slack_message.created'],
  replies: ['slack_message.threaded_reply.created'],
  reactions: ['slack_reaction.added'],
  unreactions: ['slack_reaction.removed'],
  joins: ['workspace.user_joined'],
  edits: ['slack_message.edited'],
  deletions: ['slack_message.deleted'],
  posts: ['post.created'],
  comments: ['comment.created'],
  polls: ['poll.created'],
  votes: ['poll.vote_added'],
  awards: ['award.given'],
  badges: ['badge.given'],
  credentials: ['credential.given'],
  journeys: ['journey.completed'],
  milestones: ['milestone.completed'],
  registrations: ['calendar_event.user_registered'],
  logins: ['site.auth.login_success'],
};

const SINGULAR: Readonly<Record<string, string>> = {
  message: 'messages',
  reply: 'replies',
  reaction: 'reactions',
  unreaction: 'unreactions',
  join: 'joins',
  edit: 'edits',
  deletion: 'deletions',
  delete: 'deletions',
  deletes: 'deletions',
  post: 'posts',
  comment: 'comments',
  poll: 'polls',
  vote: 'votes',
  award: 'awards',
  badge: 'badges',
  credential: 'credentials',
  journey: 'journeys',
  milestone: 'milestones',
  registration: 'registrations',
  login: 'logins',
};

/** The types a `type:` word stands for, or null when it names none. */
export function typesForWord(word: string, registry: ActivityRegistry): string[] | null {
  const w = word.trim().toLowerCase();
  if (!w) return null;
  if (registry.has(w)) return [w];
  // Singular words that are also a family (post, comment, poll) mean the alias: "type:post" is posts.
  const alias = TYPE_ALIASES[w] ?? TYPE_ALIASES[SINGULAR[w] ?? ''];
  if (alias) return alias.filter((t) => registry.has(t));
  const family = registry
    .list()
    .map((d) => d.type)
    .filter((t) => t.startsWith(`${w.replace(/\.\*?$/, '')}.`));
  return family.length > 0 ? family : null;
}

/** The alias a person would type for a type, when there is one. */
export function aliasForType(type: string): string | undefined {
  for (const [alias, types] of Object.entries(TYPE_ALIASES)) {
    if (types.length === 1 && types[0] === type) return alias;
  }
  return undefined;
}
