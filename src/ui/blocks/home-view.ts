// The App Home tab: a header, a 7-day summary (counts by type and a sparkline per day), filter
// controls, the newest activity and "Load more". An empty workspace gets a getting-started
// page instead of a blank tab. The member's state rides along in private_metadata.
import type { HomeData } from '../../browse/home';
import { HOME_MAX_ROWS, hasHomeFilters, type HomeState } from '../../browse/home-state';
import { describeFilter } from '../describe-filter';
import { formatCount, plural, slackDate, sparkline } from '../format';
import { escapeMrkdwn, LIMITS } from '../limits';
import { typeMenuLabel } from '../type-labels';
import { activityRow, type RowLinks } from './activity-row';
import {
  actions,
  button,
  context,
  divider,
  fields,
  header,
  option,
  placeholder,
  section,
  type Block,
  type ButtonElement,
  type HomeView,
  type InteractiveElement,
  type OptionObject,
} from './kit';

export const HOME_CALLBACK_ID = 'activity_home';
export const HOME_ACTIONS = {
  type: 'home_filter_type',
  user: 'home_filter_user',
  channel: 'home_filter_channel',
  from: 'home_filter_from',
  to: 'home_filter_to',
  clear: 'home_clear_filters',
  loadMore: 'home_load_more',
  older: 'home_older',
  newest: 'home_newest',
  refresh: 'home_refresh',
} as const;

const ALL_TYPES_VALUE = 'all';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface HomeViewModel {
  data: HomeData;
  /** Every activity type, for the type menu. */
  types: string[];
  workspaceName?: string | null;
  /** To tell people how to invite the bot. */
  botUserId?: string | null;
  links?: RowLinks;
  now: Date;
  /** The serialized HomeState (the listener writes it; ≤ 3000 characters). */
  privateMetadata: string;
}

function weekday(label: string): string {
  const [y, m, d] = label.split('-').map(Number);
  return WEEKDAYS[(new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7]!;
}

/** A short stable hash, so the filter block gets a new block_id when filters change (Slack then shows the new initial values). */
function shortHash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

function typeSelect(types: string[], state: HomeState): InteractiveElement {
  const all = option('All activity types', ALL_TYPES_VALUE);
  const options: OptionObject[] = [all, ...types.slice(0, LIMITS.selectOptions - 1).map((t) => option(typeMenuLabel(t), t))];
  const initial = options.find((o) => o.value === state.type) ?? all;
  return { type: 'static_select', action_id: HOME_ACTIONS.type, placeholder: placeholder('Type'), options, initial_option: initial };
}

function filterControls(model: HomeViewModel): Block {
  const { state } = model.data;
  const elements: InteractiveElement[] = [
    typeSelect(model.types, state),
    { type: 'users_select', action_id: HOME_ACTIONS.user, placeholder: placeholder('Member'), ...(state.user ? { initial_user: state.user } : {}) },
    {
      type: 'conversations_select',
      action_id: HOME_ACTIONS.channel,
      placeholder: placeholder('Channel'),
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(state.channel ? { initial_conversation: state.channel } : {}),
    },
    { type: 'datepicker', action_id: HOME_ACTIONS.from, placeholder: placeholder('From'), ...(state.from ? { initial_date: state.from } : {}) },
    { type: 'datepicker', action_id: HOME_ACTIONS.to, placeholder: placeholder('To'), ...(state.to ? { initial_date: state.to } : {}) },
  ];
  if (hasHomeFilters(state)) elements.push(button(HOME_ACTIONS.clear, 'Clear filters'));
  const key = JSON.stringify([state.type, state.user, state.channel, state.from, state.to]);
  return actions(elements, `home_filters_${shortHash(key)}`);
}

function summaryBlocks(model: HomeViewModel): Block[] {
  const { summary } = model.data;
  const days = summary.perDay;
  const range = days.length ? `${weekday(days[0]!.label)} → ${weekday(days[days.length - 1]!.label)}` : '';
  const blocks: Block[] = [
    section(
      summary.total === 0
        ? '*No activity in the last 7 days* you can see.'
        : `*${plural(summary.total, 'activity', 'activities')}* in the last 7 days\n\`${sparkline(days.map((d) => d.count))}\`  ${range}  (busiest day: ${formatCount(Math.max(0, ...days.map((d) => d.count)))})`,
    ),
  ];
  if (summary.byType.length > 0) {
    const max = LIMITS.sectionFields;
    const shown = summary.byType.length <= max ? summary.byType : summary.byType.slice(0, max - 1);
    const items = shown.map((t) => `*${escapeMrkdwn(typeMenuLabel(t.type))}*\n${formatCount(t.count)}`);
    if (summary.byType.length > max) {
      items.push(`*Other*\n${formatCount(summary.byType.slice(max - 1).reduce((sum, t) => sum + t.count, 0))}`);
    }
    blocks.push(fields(items));
  }
  return blocks;
}

function emptyState(model: HomeViewModel): Block[] {
  const bot = model.botUserId ? `<@${model.botUserId}>` : 'the app';
  return [
    section(
      `*Nothing recorded yet${model.workspaceName ? ` in ${escapeMrkdwn(model.workspaceName)}` : ''}.*\nActivity shows up here as soon as members talk in a channel I'm in.`,
    ),
    section(
      [
        '*What I collect*',
        '•  Messages and thread replies (a short excerpt, with the channel and author as they were then)',
        '•  Reactions added and removed',
        '•  Message edits and deletions (a deletion also erases the text I kept)',
        '•  New members joining the workspace',
      ].join('\n'),
    ),
    section(
      [
        '*How to start*',
        `1. Open a public channel of your community and type \`/invite ${bot}\` (or mention ${bot} and choose *Add to channel*).`,
        '2. Talk, reply, react. Then come back here, or type `/activity` in any channel.',
        'Private channels are collected only when an admin opts them in, and only their members see that activity.',
      ].join('\n'),
    ),
    context(['Direct messages, bot messages and system messages are never collected.']),
    actions([button(HOME_ACTIONS.refresh, '↻ Refresh')], 'home_empty_actions'),
  ];
}

/** Blocks the list section uses besides rows: title, filters, divider, buttons, footer. */
const LIST_FRAME_BLOCKS = 5;

export function homeView(model: HomeViewModel): HomeView {
  const { data } = model;
  const blocks: Block[] = [
    header('Community activity'),
    context([`${model.workspaceName ? `${escapeMrkdwn(model.workspaceName)}  ·  ` : ''}updated ${slackDate(model.now, '{date_short_pretty} at {time}')}  ·  times are in your time zone`]),
  ];

  if (data.empty) {
    blocks.push(...emptyState(model));
    return { type: 'home', callback_id: HOME_CALLBACK_ID, private_metadata: model.privateMetadata, blocks };
  }

  blocks.push(...summaryBlocks(model), divider());
  const filtered = hasHomeFilters(data.state);
  const windowNote = data.state.older ? `  ·  older activity, page ${data.state.window ?? 2}` : '';
  blocks.push(section(`*Recent activity*${filtered ? `: ${describeFilter(data.filter)}` : ''}${windowNote}`));
  blocks.push(filterControls(model));

  const items = data.page.items;
  if (items.length === 0) {
    blocks.push(section(filtered ? 'Nothing matches these filters. Try another type, member, channel or dates, or *Clear filters*.' : 'No more activity.'));
  } else {
    const room = LIMITS.homeBlocks - blocks.length - LIST_FRAME_BLOCKS;
    for (const activity of items.slice(0, Math.min(room, HOME_MAX_ROWS))) blocks.push(activityRow(activity, model.links));
  }

  const buttons: ButtonElement[] = [];
  if (data.page.olderCursor) {
    if (data.state.limit < HOME_MAX_ROWS) buttons.push(button(HOME_ACTIONS.loadMore, 'Load more', { style: 'primary' }));
    else buttons.push(button(HOME_ACTIONS.older, 'Older →', { value: data.page.olderCursor }));
  }
  if (data.state.older) buttons.push(button(HOME_ACTIONS.newest, 'Back to newest'));
  buttons.push(button(HOME_ACTIONS.refresh, '↻ Refresh'));
  blocks.push(divider(), actions(buttons, 'home_list_actions'));
  blocks.push(context(['Type `/activity help` in any channel to search with filters, or `/activity stats` for the numbers.']));

  return { type: 'home', callback_id: HOME_CALLBACK_ID, private_metadata: model.privateMetadata, blocks };
}
