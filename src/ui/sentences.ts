// One activity as the sentence a person would write about it, in mrkdwn:
//   *Ana* replied in #general: “sounds good…”
//   *Bo* reacted :tada: to Ana's message in #launch
// Names and channel names are the ones stored with the activity (as they were then); a member
// whose name was never learned is shown as a Slack mention, which Slack renders by name. A
// message edited since shows its current text, marked "(edited)"; a deleted one shows none.
import type { ActivityView, MemberSummary } from '../activities/read-model';
import { boldName, cleanExcerpt, quoted } from './format';
import { escapeMrkdwn } from './limits';

/** Longest excerpt shown in a row (the stored excerpt may be up to 280 characters). */
export const ROW_EXCERPT_MAX = 150;

function str(metadata: Record<string, unknown>, key: string): string | undefined {
  const value = metadata[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function person(name: string | undefined, member: MemberSummary | null, fallback: string): { bold: string; possessive: string; known: boolean } {
  const label = name ?? member?.name ?? undefined;
  if (label) return { bold: boldName(label), possessive: `${escapeMrkdwn(label)}'s`, known: true };
  if (member?.slackUserId) return { bold: `<@${member.slackUserId}>`, possessive: `<@${member.slackUserId}>'s`, known: true };
  return { bold: fallback, possessive: `${fallback}'s`, known: false };
}

function channelRef(activity: ActivityView): string {
  const id = str(activity.metadata, 'channel_id') ?? activity.channelId ?? undefined;
  const name = str(activity.metadata, 'channel_name');
  if (id && /^[CGD][A-Z0-9]+$/.test(id)) return name ? `<#${id}|${escapeMrkdwn(name.replace(/[|>]/g, ''))}>` : `<#${id}>`;
  return name ? `#${escapeMrkdwn(name)}` : 'a channel';
}

function excerptPart(text: string | undefined): string {
  if (!text) return '';
  const clean = cleanExcerpt(text, ROW_EXCERPT_MAX);
  return clean ? `: “${clean}”` : '';
}

/** The text a message row shows (its current text when edited since) and the mark that goes with it. */
function messageText(activity: ActivityView): { excerpt: string; mark: string } {
  const edit = activity.edited;
  if (edit) return { excerpt: excerptPart(edit.excerpt), mark: EDITED_MARK };
  return { excerpt: excerptPart(str(activity.metadata, 'excerpt')), mark: '' };
}

/** Shown after the text of a message edited since it was posted. */
export const EDITED_MARK = ' _(edited)_';

function emoji(name: string | undefined): string {
  if (!name) return 'with an emoji';
  // "thumbsup::skin-tone-2" renders as :thumbsup::skin-tone-2:
  return `:${name.replace(/[^a-z0-9_+\-:']/gi, '')}:`;
}

function inFeed(metadata: Record<string, unknown>): string {
  const feed = str(metadata, 'feed_label');
  return feed ? ` in ${escapeMrkdwn(feed)}` : '';
}

/** The sentence for one activity, in mrkdwn (no time, no link: the row adds those). */
export function activitySentence(activity: ActivityView): string {
  const m = activity.metadata;
  const actor = person(str(m, 'initiator_name'), activity.initiator, 'Someone');
  const recipientKnown = activity.recipient !== null || str(m, 'recipient_name') !== undefined;
  const self = recipientKnown && activity.recipient?.id !== undefined && activity.recipient.id === activity.initiator?.id;
  const target = person(str(m, 'recipient_name'), activity.recipient, 'someone');
  const whose = self ? 'their own' : recipientKnown ? target.possessive : 'a';
  const where = channelRef(activity);
  const a = actor.bold;

  switch (activity.type) {
    case 'slack_message.created': {
      if (str(m, 'deleted_at')) return `${a} posted in ${where} _(message since deleted)_`;
      const { excerpt, mark } = messageText(activity);
      if (!excerpt && m.subtype === 'file_share') return `${a} shared a file in ${where}${mark}`;
      return `${a} posted in ${where}${excerpt}${mark}`;
    }
    case 'slack_message.threaded_reply.created': {
      const to = recipientKnown && !self ? ` to ${target.possessive} thread` : '';
      const broadcast = m.is_broadcast === true ? ' _(also sent to the channel)_' : '';
      if (str(m, 'deleted_at')) return `${a} replied${to} in ${where} _(reply since deleted)_`;
      const { excerpt, mark } = messageText(activity);
      if (!excerpt && m.subtype === 'file_share') return `${a} shared a file in a thread in ${where}${mark}${broadcast}`;
      return `${a} replied${to} in ${where}${excerpt}${mark}${broadcast}`;
    }
    case 'slack_message.edited':
      return `${a} edited a ${m.thread_ts ? 'reply' : 'message'} in ${where}${excerptPart(str(m, 'excerpt'))}`;
    case 'slack_message.deleted':
      return `A ${m.thread_ts ? 'reply' : 'message'} by ${a} was deleted in ${where}`;
    case 'slack_reaction.added':
      return `${a} reacted ${emoji(str(m, 'emoji'))} to ${whose} message in ${where}`;
    case 'slack_reaction.removed':
      return `${a} removed their ${emoji(str(m, 'emoji'))} reaction from ${whose} message in ${where}`;
    case 'workspace.user_joined': {
      const joiner = person(str(m, 'initiator_name') ?? str(m, 'display_name') ?? str(m, 'real_name'), activity.initiator, 'Someone');
      const guest = m.is_ultra_restricted === true ? ' as a single-channel guest' : m.is_restricted === true ? ' as a guest' : '';
      return `${joiner.bold} joined the workspace${guest}`;
    }
    case 'post.created':
      return `${a} published ${str(m, 'post_title') ? quoted(str(m, 'post_title')!) : 'a post'}${inFeed(m)}${str(m, 'post_title') ? '' : excerptPart(str(m, 'excerpt'))}`;
    case 'post.edited':
      return `${a} edited ${str(m, 'post_title') ? `the post ${quoted(str(m, 'post_title')!)}` : 'a post'}${inFeed(m)}`;
    case 'post.deleted':
      return `${a} deleted ${str(m, 'post_title') ? `the post ${quoted(str(m, 'post_title')!)}` : 'a post'}${inFeed(m)}`;
    case 'comment.created': {
      const on = str(m, 'post_title') ? `${recipientKnown && !self ? `${target.possessive} post` : 'the post'} ${quoted(str(m, 'post_title')!)}` : `${whose} post`;
      return `${a} commented on ${on}${excerptPart(str(m, 'excerpt'))}`;
    }
    case 'comment.edited':
      return `${a} edited a comment${str(m, 'post_title') ? ` on ${quoted(str(m, 'post_title')!)}` : ''}${excerptPart(str(m, 'excerpt'))}`;
    case 'comment.deleted':
      return `${a} deleted a comment${str(m, 'post_title') ? ` on ${quoted(str(m, 'post_title')!)}` : ''}`;
    case 'poll.created':
      return `${a} created a poll${str(m, 'question') ? `: ${quoted(str(m, 'question')!)}` : ''}${inFeed(m)}`;
    case 'poll.vote_added': {
      const choice = str(m, 'option_label') ? ` for ${quoted(str(m, 'option_label')!, 60)}` : '';
      const poll = str(m, 'poll_question') ? ` in the poll ${quoted(str(m, 'poll_question')!)}` : ' in a poll';
      return `${a} voted${choice}${poll}`;
    }
    case 'award.given':
      return `${a} gave ${target.bold} the award ${quoted(str(m, 'award_name') ?? 'award', 80)}`;
    case 'badge.given':
      return `${a} gave ${target.bold} the badge ${quoted(str(m, 'badge_name') ?? 'badge', 80)}`;
    case 'credential.given':
      return `${a} issued ${target.bold} the credential ${quoted(str(m, 'credential_name') ?? 'credential', 80)}`;
    case 'journey.completed':
      return `${a} completed the journey ${quoted(str(m, 'journey_name') ?? 'journey', 80)}`;
    case 'milestone.completed': {
      const journey = str(m, 'journey_name') ? ` in ${quoted(str(m, 'journey_name')!, 60)}` : '';
      return `${a} reached the milestone ${quoted(str(m, 'milestone_name') ?? 'milestone', 80)}${journey}`;
    }
    case 'calendar_event.user_registered':
      return `${a} registered for ${quoted(str(m, 'event_title') ?? 'an event', 100)}`;
    case 'calendar_event.user_unregistered':
      return `${a} cancelled their registration for ${quoted(str(m, 'event_title') ?? 'an event', 100)}`;
    case 'site.auth.login_success':
      return `${a} signed in to the community site${str(m, 'method') ? ` (${escapeMrkdwn(str(m, 'method')!.replace(/_/g, ' '))})` : ''}`;
    case 'site.auth.login_failure': {
      const reason = str(m, 'failure_reason');
      return `A sign-in to the community site by ${a} failed${reason ? ` (${escapeMrkdwn(reason.replace(/_/g, ' '))})` : ''}`;
    }
    default:
      return `${a}: ${escapeMrkdwn(activity.type)}${activity.channelId ? ` in ${where}` : ''}`;
  }
}

/** Mrkdwn as plain text, for notification fallbacks and tests: markup resolved to what Slack would show. */
export function mrkdwnToPlain(text: string): string {
  return text
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<#([A-Z0-9]+)>/g, '#$1')
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) => `@${label ?? id}`)
    .replace(/<([^|>]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]*)>/g, '$1')
    .replace(/(^|[\s(“])[*_~]+|[*_~]+(?=[\s).,:;!?”]|$)/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
