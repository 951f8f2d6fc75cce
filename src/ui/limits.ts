// Block Kit limits (Slack's reference for blocks, elements and composition objects), and the
// text helpers that keep every builder inside them by construction: text is cut cleanly, never
// in the middle of a Slack token (<@U…>, <!date…>, <url|label>), an HTML entity, or a surrogate pair.

export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholderText: 150,
  privateMetadata: 3000,
  /** Top-level `text` of a message (the notification fallback); Slack truncates beyond 4000. */
  messageText: 4000,
} as const;

const ELLIPSIS = '…';

/** Cuts plain text to at most `max` characters (UTF-16 units), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  // Never leave half of a surrogate pair behind.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  const cut = text.slice(0, end);
  const space = cut.lastIndexOf(' ');
  // Prefer a word boundary when it does not throw away too much.
  const base = space > end * 0.7 ? cut.slice(0, space) : cut;
  return `${base.trimEnd()}${ELLIPSIS}`;
}

/**
 * Cuts mrkdwn to at most `max` characters without breaking a `<…>` token or an `&…;` entity:
 * a token that would be cut is dropped whole.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const open = text.lastIndexOf('<', end - 1);
  if (open !== -1 && text.indexOf('>', open) >= end) end = open;
  const amp = text.lastIndexOf('&', end - 1);
  if (amp !== -1 && amp > end - 8) {
    const semi = text.indexOf(';', amp);
    if (semi === -1 || semi >= end) end = amp;
  }
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Joins lines of mrkdwn within `max` characters, dropping whole trailing lines (with a note) rather than cutting one. */
export function fitLines(lines: string[], max: number, more: (dropped: number) => string): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  let length = 0;
  let kept = 0;
  for (; kept < lines.length; kept++) {
    const next = length + (kept > 0 ? 1 : 0) + lines[kept]!.length;
    const note = more(lines.length - kept - 1);
    if (next + 1 + note.length > max) break;
    length = next;
  }
  const out = lines.slice(0, kept);
  out.push(more(lines.length - kept));
  return truncateMrkdwn(out.join('\n'), max);
}
