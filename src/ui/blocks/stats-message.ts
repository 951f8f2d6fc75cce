// The /activity stats answer: totals by type, activity over the range as a sparkline, and the
// most active members and channels.
import type { ActivityStats } from '../../browse/stats';
import { describeFilter } from '../describe-filter';
import { boldName, formatCount, plural, sparkline } from '../format';
import { escapeMrkdwn, fitLines, LIMITS, truncate } from '../limits';
import { mrkdwnToPlain } from '../sentences';
import { typeMenuLabel, typeNoun } from '../type-labels';
import { context, divider, fields, header, section, type Block, type MessagePayload } from './kit';

/** Type counts shown as fields (the 10th field, if needed, sums the rest). */
const MAX_TYPE_FIELDS = 10;

function typeFields(byType: { type: string; count: number }[]): string[] {
  if (byType.length <= MAX_TYPE_FIELDS) return byType.map((t) => `*${escapeMrkdwn(typeMenuLabel(t.type))}*\n${formatCount(t.count)}`);
  const shown = byType.slice(0, MAX_TYPE_FIELDS - 1);
  const rest = byType.slice(MAX_TYPE_FIELDS - 1).reduce((sum, t) => sum + t.count, 0);
  return [...shown.map((t) => `*${escapeMrkdwn(typeMenuLabel(t.type))}*\n${formatCount(t.count)}`), `*Other*\n${formatCount(rest)}`];
}

export function statsMessage(stats: ActivityStats): MessagePayload {
  const description = describeFilter(stats.filter);
  const blocks: Block[] = [header('Activity stats'), context([description])];

  if (stats.total === 0) {
    blocks.push(section('No activity in this range. Try a longer one, e.g. `/activity stats 30d`.'));
  } else {
    const bars = stats.series.map((s) => s.count);
    const unit = stats.daysPerBar === 1 ? 'day' : `${stats.daysPerBar} days`;
    blocks.push(section(`*${plural(stats.total, 'activity', 'activities')}*\n\`${sparkline(bars)}\`  one bar per ${unit}, oldest first`));
    blocks.push(fields(typeFields(stats.byType)));
    blocks.push(divider());
    const members = stats.topMembers.map((m, i) => {
      const who = m.name ? boldName(m.name) : m.slackUserId ? `<@${m.slackUserId}>` : 'Someone';
      return `${i + 1}. ${who}: ${formatCount(m.count)}`;
    });
    const channels = stats.topChannels.map((c, i) => `${i + 1}. ${c.name ? `<#${c.id}|${escapeMrkdwn(c.name.replace(/[|>]/g, ''))}>` : `<#${c.id}>`}: ${formatCount(c.count)}`);
    const more = (n: number) => `…and ${n} more`;
    blocks.push(
      fields([
        `*Most active members*\n${members.length ? fitLines(members, LIMITS.fieldText - 30, more) : '_none_'}`,
        `*Most active channels*\n${channels.length ? fitLines(channels, LIMITS.fieldText - 30, more) : '_none_'}`,
      ]),
    );
  }
  blocks.push(context(['Times are in your time zone  ·  `/activity stats 30d`, `/activity stats #channel this week`  ·  `/activity help`']));

  const top = stats.byType
    .slice(0, 3)
    .map((t) => `${formatCount(t.count)} ${typeNoun(t.type, t.count)}`)
    .join(', ');
  const text = truncate(`Activity stats, ${mrkdwnToPlain(description)}: ${plural(stats.total, 'activity', 'activities')}${top ? ` (${top})` : ''}`, LIMITS.messageText);
  return { text, blocks };
}
