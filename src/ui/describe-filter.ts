// A filter in words, e.g. "thread replies involving @Ana in #general since Nov 1 matching “launch”".
import type { BrowseFilter } from '../browse/browse-filter';
import { slackDate } from './format';
import { escapeMrkdwn, truncate } from './limits';
import { typeNoun } from './type-labels';

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The range part alone: "today", "last 7 days", "since Nov 1 at 9:00 AM", or "" for all time. */
export function describeRange(filter: BrowseFilter): string {
  if (filter.rangeLabel) return escapeMrkdwn(filter.rangeLabel);
  const fmt = '{date_short_pretty} at {time}';
  if (filter.since && filter.until) return `from ${slackDate(filter.since, fmt)} to ${slackDate(filter.until, fmt)}`;
  if (filter.since) return `since ${slackDate(filter.since, fmt)}`;
  if (filter.until) return `before ${slackDate(filter.until, fmt)}`;
  return '';
}

/** The whole filter in mrkdwn; "all activity" when nothing narrows it. */
export function describeFilter(filter: BrowseFilter): string {
  const what = filter.types.length === 0 ? 'all activity' : filter.types.length > 4 ? `${filter.types.length} activity types` : joinWords(filter.types.map((t) => typeNoun(t, 2)));
  const parts = [what];
  if (filter.member) parts.push(`involving <@${filter.member.slackUserId}>`);
  if (filter.channels.length) {
    parts.push(`in ${joinWords(filter.channels.map((c) => (c.label ? `<#${c.id}|${escapeMrkdwn(c.label.replace(/[|>]/g, ''))}>` : `<#${c.id}>`)))}`);
  }
  const range = describeRange(filter);
  if (range) parts.push(range);
  if (filter.text) parts.push(`matching “${escapeMrkdwn(truncate(filter.text, 100))}”`);
  return parts.join(' ');
}
