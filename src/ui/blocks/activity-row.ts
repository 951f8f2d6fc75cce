// One activity as a row: the sentence, then when it happened (in the reader's zone) and a link.
import type { ActivityView } from '../../activities/read-model';
import { slackDate } from '../format';
import { activityLink, safeUrl } from '../links';
import { escapeMrkdwn, LIMITS, truncateMrkdwn } from '../limits';
import { activitySentence } from '../sentences';
import { section, type SectionBlock } from './kit';

export interface RowLinks {
  /** The workspace's Slack domain ("acme" for acme.slack.com), to build message links. */
  domain?: string | null;
  /** Permalinks Slack gave for "channel:ts", when the domain is unknown. */
  resolved?: ReadonlyMap<string, string>;
}

/** The row's mrkdwn: sentence on the first line, time · link on the second. */
export function activityRowText(activity: ActivityView, links: RowLinks = {}): string {
  const link = activityLink(activity, links);
  const url = link ? safeUrl(link.url) : null;
  const meta = [slackDate(activity.occurredAt), url && link ? `<${url}|${escapeMrkdwn(link.label)}>` : null].filter(Boolean).join('  ·  ');
  const room = LIMITS.sectionText - meta.length - 1;
  return `${truncateMrkdwn(activitySentence(activity), room)}\n${meta}`;
}

export function activityRow(activity: ActivityView, links: RowLinks = {}): SectionBlock {
  return section(activityRowText(activity, links));
}
