// The /activity answer: one page of activity (newest first) with Previous / Next buttons that
// replace this same message. Ephemeral: only the person who asked sees it.
import type { BrowseFilter } from '../../browse/browse-filter';
import { isFiltered } from '../../browse/browse-filter';
import type { ActivityView } from '../../activities/read-model';
import { describeFilter } from '../describe-filter';
import { LIMITS, truncate } from '../limits';
import { mrkdwnToPlain } from '../sentences';
import { activityRow, type RowLinks } from './activity-row';
import { actions, button, context, divider, section, type Block, type ButtonElement, type MessagePayload } from './kit';

export const ACTION_PAGE_NEXT = 'activity_page_next';
export const ACTION_PAGE_PREV = 'activity_page_prev';
/** Rows on one page of /activity. */
export const PAGE_SIZE = 10;

export interface ActivityListModel {
  filter: BrowseFilter;
  items: ActivityView[];
  /** 1 = newest. */
  page: number;
  /** Button values (encoded page tokens); absent when there is no such page. */
  nextValue?: string | null;
  prevValue?: string | null;
  links?: RowLinks;
}

/** Blocks a list page uses besides its rows: title, context, divider, divider, buttons, tips. */
const FRAME_BLOCKS = 6;

export function activityListMessage(model: ActivityListModel): MessagePayload {
  const description = describeFilter(model.filter);
  const filtered = isFiltered(model.filter);
  const blocks: Block[] = [section(`*Activity*: ${description}`)];
  const pageNote = model.page > 1 ? `Page ${model.page}` : 'Newest first';
  blocks.push(context([`${pageNote}  ·  times are in your time zone`]));

  if (model.items.length === 0) {
    blocks.push(
      section(
        model.page > 1
          ? 'No more activity on this page. Use *Previous* to go back.'
          : filtered
            ? 'Nothing matches this yet. Try a wider range (`since:30d`), fewer filters, or `/activity help`.'
            : 'No activity recorded yet. I collect messages, thread replies, reactions, edits, deletions and new members in the public channels I have been invited to: try `/invite @activity` in a channel.',
      ),
    );
  } else {
    blocks.push(divider());
    const room = LIMITS.messageBlocks - FRAME_BLOCKS;
    for (const activity of model.items.slice(0, room)) blocks.push(activityRow(activity, model.links));
    blocks.push(divider());
  }

  const buttons: ButtonElement[] = [];
  if (model.prevValue) buttons.push(button(ACTION_PAGE_PREV, '← Previous', { value: model.prevValue }));
  if (model.nextValue) buttons.push(button(ACTION_PAGE_NEXT, 'Next →', { value: model.nextValue }));
  if (buttons.length > 0) blocks.push(actions(buttons, 'activity_paging'));
  blocks.push(context(['Narrow it down: `/activity #channel @member type:replies since:7d "text"`  ·  `/activity stats`  ·  `/activity help`']));

  const first = model.items[0];
  const summary = model.items.length === 0 ? 'No activity found' : `${model.items.length} activities${model.page > 1 ? ` (page ${model.page})` : ''}`;
  const text = truncate(`Activity: ${mrkdwnToPlain(description)} — ${summary}${first ? `. Latest: ${mrkdwnToPlain(activityRow(first, model.links).text!.text.split('\n')[0]!)}` : ''}`, LIMITS.messageText);
  return { text, blocks };
}
