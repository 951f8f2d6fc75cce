// Block Kit as a terminal can show it: what the app answered to a slash command or published
// on the Home tab, one line per visible piece of text, with Slack's <…> markup turned into
// what a member would read (@Ana, #general, the date's fallback, a link's label).

/** Names to show for user IDs in <@U…> mentions; unknown IDs stay IDs. */
export type UserNames = (userId: string) => string | undefined;

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined => (isRecord(value) && typeof value.text === 'string' ? value.text : undefined);

/** Replaces Slack's angle-bracket markup with readable text; *bold* and _italics_ stay. */
export function mrkdwnToPlain(text: string, names: UserNames = () => undefined): string {
  return text.replace(/<([^<>]+)>/g, (whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return `@${label ?? names(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!date^')) return label ?? whole;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    return label ?? target;
  });
}

function elementLabel(element: unknown): string | undefined {
  if (!isRecord(element)) return undefined;
  if (element.type === 'button') return `[${textOf(element.text) ?? 'button'}]`;
  if (typeof element.type === 'string' && /select$/.test(element.type)) {
    const chosen = textOf(isRecord(element.initial_option) ? element.initial_option.text : undefined);
    return `[${chosen ?? textOf(element.placeholder) ?? 'choose'} ▾]`;
  }
  if (element.type === 'image') return typeof element.alt_text === 'string' ? `[${element.alt_text}]` : undefined;
  return textOf(element);
}

function blockLines(block: Loose): string[] {
  switch (block.type) {
    case 'header':
      return [textOf(block.text) ?? ''];
    case 'section': {
      const lines = textOf(block.text)?.split('\n') ?? [];
      const fields = Array.isArray(block.fields) ? block.fields.map(textOf).filter((t): t is string => t !== undefined) : [];
      const accessory = elementLabel(block.accessory);
      return [...lines, ...fields.flatMap((f) => f.split('\n')), ...(accessory && accessory.startsWith('[') ? [accessory] : [])];
    }
    case 'context':
    case 'actions': {
      const parts = Array.isArray(block.elements) ? block.elements.map(elementLabel).filter((t): t is string => t !== undefined) : [];
      return parts.length > 0 ? [parts.join('  ')] : [];
    }
    case 'divider':
      return ['────────'];
    case 'image':
      return typeof block.alt_text === 'string' ? [`[image: ${block.alt_text}]`] : [];
    default:
      return [];
  }
}

/** The text lines of a list of blocks; falls back to `fallbackText` when no block shows any. */
export function blocksToLines(blocks: unknown, names?: UserNames, fallbackText?: string): string[] {
  const lines = (Array.isArray(blocks) ? blocks : []).filter(isRecord).flatMap(blockLines);
  if (lines.length === 0 && fallbackText) lines.push(...fallbackText.split('\n'));
  return lines.map((line) => mrkdwnToPlain(line, names));
}
