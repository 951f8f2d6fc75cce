// /activity help, and the answer to a query that could not be read: what was not understood,
// then the same help.
import type { QueryProblem } from '../../browse/parse-query';
import { TYPE_ALIASES } from '../../queries/type-words';
import { escapeMrkdwn, fitLines, LIMITS, truncate } from '../limits';
import { context, divider, header, section, type Block, type MessagePayload } from './kit';

const GRAMMAR = [
  '*Filters* (combine them, in any order):',
  '•  `@member`  activity by or involving a member  ·  `me`  your own',
  '•  `#channel`  activity in a channel (several are allowed)',
  '•  `type:replies`  a kind of activity; also a full type name such as `type:slack_message.created`, or several: `type:messages,replies`',
  '•  `since:7d`  `since:24h`  `since:2026-11-01`  `until:2026-11-30`  (dates are whole days in your time zone)',
  '•  `today`  `yesterday`  `this week`  `last week`  `this month`  `last 30 days`',
  '•  `"some words"`  activity whose text contains them',
].join('\n');

const EXAMPLES = [
  '*Examples*',
  '`/activity`  the newest activity in the workspace',
  '`/activity @ana #general since:7d`',
  '`/activity type:reactions this week`',
  '`/activity me type:replies "release"`',
  '`/activity stats`  counts by type, most active members and channels (last 7 days)',
  '`/activity stats #launch 30d`',
].join('\n');

function typeLine(): string {
  return `*Types*: ${Object.keys(TYPE_ALIASES)
    .map((a) => `\`${a}\``)
    .join(' ')}`;
}

function helpBlocks(): Block[] {
  return [
    section(GRAMMAR),
    section(typeLine()),
    section(EXAMPLES),
    context(['Only activity you may see is shown: private channels appear only if you are in them. Direct messages are never collected.']),
  ];
}

export function helpMessage(): MessagePayload {
  return {
    text: 'How to use /activity: filters @member, #channel, type:, since:, until:, today, this week, "text", me; and /activity stats.',
    blocks: [header('Browsing activity with /activity'), ...helpBlocks()],
  };
}

/** What could not be understood in `typed`, then the help. */
export function queryProblemMessage(typed: string, problems: QueryProblem[]): MessagePayload {
  const lines = problems.map((p) => `•  \`${escapeMrkdwn(truncate(p.token, 100)).replace(/`/g, "'")}\`: ${escapeMrkdwn(p.message)}`);
  const intro = `I couldn't read all of \`/activity ${escapeMrkdwn(truncate(typed, 300)).replace(/`/g, "'")}\`:`;
  const body = fitLines([intro, ...lines], LIMITS.sectionText, (n) => `…and ${n} more`);
  return {
    text: truncate(`I couldn't read that /activity query: ${problems.map((p) => `${p.token}: ${p.message}`).join('; ')}`, LIMITS.messageText),
    blocks: [section(body), divider(), ...helpBlocks()],
  };
}

/** Something went wrong on our side: said plainly, never a stack trace. */
export function failureMessage(what: string): MessagePayload {
  return {
    text: `Sorry, I couldn't ${what} just now. Please try again in a moment.`,
    blocks: [section(`:warning: Sorry, I couldn't ${escapeMrkdwn(what)} just now. Please try again in a moment.`)],
  };
}

/** A paging button from a message too old or not ours. */
export function expiredPageMessage(): MessagePayload {
  return {
    text: 'This list has expired. Run /activity again.',
    blocks: [section('This list has expired. Run `/activity` again to see the latest activity.')],
  };
}
