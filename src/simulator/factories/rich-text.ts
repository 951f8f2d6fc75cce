// Slack's clients send every message with a rich_text block mirroring its text; apps that read
// blocks instead of text must see the same content, mentions included.
import { blockId } from './ids';
import type { RichTextBlock, RichTextElement } from './types';

// <@U123>, <@U123|name>, <#C123|name>, <!here>, <https://x|label>, :emoji:
const TOKEN = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|<!(here|channel|everyone)>|<(https?:\/\/[^|>]+)(?:\|([^>]*))?>|:([a-z0-9_+-]+):/g;

/** The elements of a rich_text_section for `text` in Slack's mrkdwn-ish message syntax. */
export function richTextElements(text: string): RichTextElement[] {
  const elements: RichTextElement[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) elements.push({ type: 'text', text: text.slice(last, index) });
    const [, user, channel, broadcast, url, label, emoji] = match;
    if (user) elements.push({ type: 'user', user_id: user });
    else if (channel) elements.push({ type: 'channel', channel_id: channel });
    else if (broadcast === 'here' || broadcast === 'channel' || broadcast === 'everyone') elements.push({ type: 'broadcast', range: broadcast });
    else if (url) elements.push(label ? { type: 'link', url, text: label } : { type: 'link', url });
    else if (emoji) elements.push({ type: 'emoji', name: emoji });
    last = index + match[0].length;
  }
  if (last < text.length) elements.push({ type: 'text', text: text.slice(last) });
  return elements;
}

/** The blocks Slack's client attaches to a message with this text (empty text: no blocks). */
export function richTextBlocks(text: string): RichTextBlock[] {
  if (text === '') return [];
  return [{ type: 'rich_text', block_id: blockId(), elements: [{ type: 'rich_text_section', elements: richTextElements(text) }] }];
}
