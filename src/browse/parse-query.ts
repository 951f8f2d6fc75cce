// The /activity grammar. Words combine in any order:
//   @member  #channel  type:replies  since:7d  until:2026-11-01  today  "free text"  me
// plus the subcommands `stats [filters]` and `help`. Slack escapes mentions when the command
// is declared with should_escape: <@U123|ana>, <#C123|general>; & < > arrive as HTML entities.
// A query that cannot be read fully yields every problem found, never a partial guess.
import type { ActivityRegistry } from '../activities/registry';
import type { BrowseFilter } from './browse-filter';
import { addDays, dayOf, parseDay, startOfDay, weekdayOf, type CalendarDay } from './time-zone';
import { MAX_FILTER_CHANNELS } from '../queries/names';
import { DURATION, durationMs, relativeInstant } from '../queries/time-words';
import { typesForWord } from '../queries/type-words';

export interface ParseOptions {
  registry: ActivityRegistry;
  /** The Slack user running the command (for `me`). */
  viewerId: string;
  now: Date;
  /** The viewer's IANA zone: days and weeks start at their midnight. */
  timeZone: string;
}

/** Names typed without Slack's autocomplete (`#general`, `@ana`), still to be looked up. */
export interface UnresolvedNames {
  channelNames: string[];
  memberName?: string;
}

export interface QueryProblem {
  /** What the person typed. */
  token: string;
  message: string;
}

export type ParsedQuery =
  | { kind: 'list'; filter: BrowseFilter; unresolved: UnresolvedNames }
  | { kind: 'stats'; filter: BrowseFilter; unresolved: UnresolvedNames }
  | { kind: 'help' }
  | { kind: 'invalid'; problems: QueryProblem[] };

export const MAX_TEXT_LENGTH = 200;
export const MAX_CHANNELS = MAX_FILTER_CHANNELS;
export const DEFAULT_STATS_DAYS = 7;

const HELP_WORDS = new Set(['help', '?', '-h', '--help', 'h']);
const STATS_WORDS = new Set(['stats', 'stat', 'statistics']);
const SINCE_KEYS = new Set(['since', 'from', 'after']);
const UNTIL_KEYS = new Set(['until', 'to', 'before']);
const TYPE_KEYS = new Set(['type', 'types', 't']);
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”', '„': '“', "'": "'", '‘': '’' };

type Token =
  | { kind: 'slack'; raw: string; inner: string }
  | { kind: 'quoted'; raw: string; text: string }
  | { kind: 'unclosed'; raw: string }
  | { kind: 'word'; raw: string; text: string };

/** Undoes Slack's escaping of &, < and > in command text. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '<') {
      const close = input.indexOf('>', i);
      if (close !== -1) {
        tokens.push({ kind: 'slack', raw: input.slice(i, close + 1), inner: input.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    const closer = QUOTES[c];
    if (closer !== undefined) {
      const alternatives = closer === '”' || closer === '“' ? ['”', '“', '"'] : [closer];
      let end = -1;
      for (let j = i + 1; j < input.length; j++) {
        if (alternatives.includes(input[j]!)) {
          end = j;
          break;
        }
      }
      if (end === -1) {
        tokens.push({ kind: 'unclosed', raw: input.slice(i) });
        break;
      }
      tokens.push({ kind: 'quoted', raw: input.slice(i, end + 1), text: decodeEntities(input.slice(i + 1, end)) });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/.test(input[end]!)) end++;
    const raw = input.slice(i, end);
    tokens.push({ kind: 'word', raw: decodeEntities(raw), text: decodeEntities(raw) });
    i = end;
  }
  return tokens;
}

interface Range {
  since?: Date;
  until?: Date;
  label?: string;
  /** What was typed, to name it in a conflict. */
  source: string;
}

function durationLabel(amount: number, unit: string): string {
  const u = unit.toLowerCase();
  const name = u.startsWith('h') ? 'hour' : u.startsWith('d') ? 'day' : 'week';
  return `last ${amount} ${name}${amount === 1 ? '' : 's'}`;
}

/** A named range: today, yesterday, this/last week, this/last month. */
function namedRange(name: string, options: ParseOptions): Range | null {
  const { now, timeZone } = options;
  const today = dayOf(now, timeZone);
  const start = (day: CalendarDay) => startOfDay(day, timeZone);
  switch (name) {
    case 'today':
      return { since: start(today), label: 'today', source: name };
    case 'yesterday':
      return { since: start(addDays(today, -1)), until: start(today), label: 'yesterday', source: name };
    case 'this week': {
      const monday = addDays(today, -weekdayOf(today));
      return { since: start(monday), label: 'this week', source: name };
    }
    case 'last week': {
      const monday = addDays(today, -weekdayOf(today));
      return { since: start(addDays(monday, -7)), until: start(monday), label: 'last week', source: name };
    }
    case 'this month':
      return { since: start({ ...today, day: 1 }), label: 'this month', source: name };
    case 'last month': {
      const first = { ...today, day: 1 };
      const previous = today.month === 1 ? { year: today.year - 1, month: 12, day: 1 } : { year: today.year, month: today.month - 1, day: 1 };
      return { since: start(previous), until: start(first), label: 'last month', source: name };
    }
    default:
      return null;
  }
}

/** `since:`/`until:` values: the relative words (src/queries/time-words.ts) or a date, a whole day in the viewer's zone. */
function parseInstant(value: string, edge: 'since' | 'until', options: ParseOptions): Date | null {
  const relative = relativeInstant(value, edge, options);
  if (relative) return relative;
  const day = parseDay(value.toLowerCase());
  return day ? startOfDay(edge === 'since' ? day : addDays(day, 1), options.timeZone) : null;
}

function slackMention(inner: string): { kind: 'member' | 'channel'; id: string; label?: string } | null {
  const match = /^([@#])([A-Z0-9]+)(?:\|([^>]*))?$/.exec(inner);
  if (!match) return null;
  const label = match[3]?.trim();
  return { kind: match[1] === '@' ? 'member' : 'channel', id: match[2]!, ...(label ? { label } : {}) };
}

/** Parses the text of an /activity command. */
export function parseQuery(input: string, options: ParseOptions): ParsedQuery {
  const tokens = tokenize(input.trim());
  const first = tokens[0];
  if (first?.kind === 'word' && HELP_WORDS.has(first.text.toLowerCase())) return { kind: 'help' };
  let mode: 'list' | 'stats' = 'list';
  if (first?.kind === 'word' && STATS_WORDS.has(first.text.toLowerCase())) {
    mode = 'stats';
    tokens.shift();
  }

  const problems: QueryProblem[] = [];
  const filter: BrowseFilter = { channels: [], types: [] };
  const unresolved: UnresolvedNames = { channelNames: [] };
  let range: Range | undefined;
  let since: { at: Date; source: string } | undefined;
  let until: { at: Date; source: string } | undefined;
  let memberSource: string | undefined;

  const setMember = (token: string, member: { slackUserId: string; label?: string } | { name: string }) => {
    const key = 'name' in member ? `@${member.name.toLowerCase()}` : member.slackUserId;
    if (memberSource !== undefined && memberSource !== key) {
      problems.push({ token, message: 'only one member at a time' });
      return;
    }
    memberSource = key;
    if ('name' in member) unresolved.memberName = member.name;
    else filter.member = member;
  };
  const addChannel = (token: string, channel: { id: string; label?: string } | { name: string }) => {
    if (filter.channels.length + unresolved.channelNames.length >= MAX_CHANNELS) {
      problems.push({ token, message: `at most ${MAX_CHANNELS} channels at a time` });
      return;
    }
    if ('name' in channel) {
      if (!unresolved.channelNames.includes(channel.name)) unresolved.channelNames.push(channel.name);
    } else if (!filter.channels.some((c) => c.id === channel.id)) filter.channels.push(channel);
  };
  const setRange = (token: string, next: Range) => {
    if (range || since || until) {
      problems.push({ token, message: `two time ranges: "${range?.source ?? since?.source ?? until?.source}" and "${next.source}"` });
      return;
    }
    range = next;
  };
  const setEdge = (token: string, key: 'since' | 'until', value: string) => {
    if (range) {
      problems.push({ token, message: `two time ranges: "${range.source}" and "${token}"` });
      return;
    }
    const at = parseInstant(value, key, options);
    if (!at) {
      problems.push({ token, message: `"${value}" is not a time I know; try ${key}:7d, ${key}:24h or ${key}:2026-11-01` });
      return;
    }
    const current = key === 'since' ? since : until;
    if (current) {
      problems.push({ token, message: `${key} is given twice` });
      return;
    }
    if (key === 'since') since = { at, source: token };
    else until = { at, source: token };
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'unclosed') {
      problems.push({ token: token.raw, message: 'this quote is never closed' });
      continue;
    }
    if (token.kind === 'quoted') {
      const text = token.text.replace(/\s+/g, ' ').trim();
      if (!text) problems.push({ token: token.raw, message: 'the quotes are empty' });
      else if (filter.text !== undefined) problems.push({ token: token.raw, message: 'only one quoted text at a time' });
      else filter.text = text.slice(0, MAX_TEXT_LENGTH);
      continue;
    }
    if (token.kind === 'slack') {
      const mention = slackMention(token.inner);
      if (mention?.kind === 'member') setMember(token.raw, { slackUserId: mention.id, ...(mention.label ? { label: mention.label } : {}) });
      else if (mention?.kind === 'channel') addChannel(token.raw, { id: mention.id, ...(mention.label ? { label: mention.label } : {}) });
      else problems.push({ token: decodeEntities(token.raw), message: 'I can only filter by a member (@name) or a channel (#channel) here' });
      continue;
    }

    const word = token.text;
    const lower = word.toLowerCase();
    const next = tokens[i + 1];
    const nextWord = next?.kind === 'word' ? next.text.toLowerCase() : undefined;
    const colon = lower.indexOf(':');
    if (colon > 0) {
      const key = lower.slice(0, colon);
      let value = word.slice(colon + 1);
      let raw = word;
      // "since: 7d" — a space after the colon.
      if (value === '' && next?.kind === 'word') {
        value = next.text;
        raw = `${word} ${next.text}`;
        i++;
      }
      if (TYPE_KEYS.has(key)) {
        if (!value) {
          problems.push({ token: raw, message: 'which type? e.g. type:replies' });
          continue;
        }
        for (const part of value.split(',').filter(Boolean)) {
          const types = typesForWord(part, options.registry);
          if (!types) problems.push({ token: `type:${part}`, message: `"${part}" is not an activity type; try type:messages, type:replies, type:reactions, type:joins, type:edits or type:deletions` });
          else for (const t of types) if (!filter.types.includes(t)) filter.types.push(t);
        }
        continue;
      }
      if (SINCE_KEYS.has(key) || UNTIL_KEYS.has(key)) {
        if (!value) problems.push({ token: raw, message: `${key} what? e.g. ${key}:7d` });
        else setEdge(raw, SINCE_KEYS.has(key) ? 'since' : 'until', value);
        continue;
      }
    }
    if (lower === 'me') {
      setMember(word, { slackUserId: options.viewerId, label: 'you' });
      continue;
    }
    if (lower.startsWith('@') && lower.length > 1) {
      setMember(word, { name: word.slice(1) });
      continue;
    }
    if (lower.startsWith('#') && lower.length > 1) {
      addChannel(word, { name: word.slice(1).toLowerCase() });
      continue;
    }
    if ((lower === 'this' || lower === 'last') && (nextWord === 'week' || nextWord === 'month')) {
      const named = namedRange(`${lower} ${nextWord}`, options)!;
      setRange(`${word} ${next!.raw}`, named);
      i++;
      continue;
    }
    if ((lower === 'last' || lower === 'past') && nextWord && /^\d{1,4}$/.test(nextWord)) {
      const unitToken = tokens[i + 2];
      const unit = unitToken?.kind === 'word' ? unitToken.text.toLowerCase() : '';
      const duration = DURATION.exec(`${nextWord}${unit}`);
      if (duration) {
        const amount = Number(duration[1]);
        const source = `${word} ${nextWord} ${unit}`;
        setRange(source, { since: new Date(options.now.getTime() - durationMs(amount, duration[2]!)), label: durationLabel(amount, duration[2]!), source });
        i += 2;
        continue;
      }
    }
    const named = namedRange(lower, options);
    if (named) {
      setRange(word, named);
      continue;
    }
    const duration = DURATION.exec(lower);
    if (duration) {
      const amount = Number(duration[1]);
      setRange(word, { since: new Date(options.now.getTime() - durationMs(amount, duration[2]!)), label: durationLabel(amount, duration[2]!), source: word });
      continue;
    }
    const day = parseDay(lower);
    if (day) {
      setRange(word, { since: startOfDay(day, options.timeZone), until: startOfDay(addDays(day, 1), options.timeZone), source: word });
      continue;
    }
    if (colon > 0) {
      problems.push({ token: word, message: `"${lower.slice(0, colon)}:" is not a filter I know; filters are type:, since: and until:` });
    } else {
      problems.push({ token: word, message: `I don't know "${word}"; free text goes in quotes: "${word}"` });
    }
  }

  if (range) {
    if (range.since) filter.since = range.since;
    if (range.until) filter.until = range.until;
    if (range.label) filter.rangeLabel = range.label;
  } else {
    if (since) filter.since = since.at;
    if (until) filter.until = until.at;
  }
  if (filter.since && filter.until && filter.since.getTime() >= filter.until.getTime()) {
    problems.push({ token: [since?.source, until?.source].filter(Boolean).join(' ') || (range?.source ?? ''), message: 'the start of the range is not before its end' });
  }
  if (problems.length > 0) return { kind: 'invalid', problems };

  if (mode === 'stats' && !filter.since) {
    const end = filter.until ?? options.now;
    filter.since = new Date(end.getTime() - DEFAULT_STATS_DAYS * 86_400_000);
    if (!filter.until) filter.rangeLabel = `last ${DEFAULT_STATS_DAYS} days`;
  }
  return { kind: mode, filter, unresolved };
}
