// Small mrkdwn formatters shared by the builders: dates in the viewer's zone (Slack renders
// them), user text made safe to show, names, counts and sparklines.
import { escapeMrkdwn, truncate } from './limits';

/** Fallback shown where Slack cannot render a date token, e.g. "2026-11-01 14:03 UTC". */
export function utcFallback(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A date Slack shows in the reader's own time zone: "Today at 2:03 PM", "Nov 1 at 9:15 AM". */
export function slackDate(at: Date, format = '{date_short_pretty} at {time}', link?: string): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^${format}${link ? `^${link}` : ''}|${utcFallback(at)}>`;
}

/** "1,234" */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const SPARK = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** One bar per value, scaled to the largest; zero is the lowest bar, anything above zero is visibly higher. */
export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((v) => {
      if (max <= 0 || v <= 0) return SPARK[0];
      return SPARK[Math.max(1, Math.round((v / max) * (SPARK.length - 1)))];
    })
    .join('');
}

/**
 * Stored message text as safe mrkdwn on one line: Slack markup kept where it is harmless (user
 * and channel mentions), turned into words where it is not (broadcasts, links), everything else escaped.
 */
export function cleanExcerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  let visible = 0;
  let i = 0;
  let cut = false;
  const push = (piece: string, length: number): boolean => {
    if (visible + length > max) {
      cut = true;
      return false;
    }
    out.push(piece);
    visible += length;
    return true;
  };
  while (i < flat.length) {
    const open = flat.indexOf('<', i);
    const plainEnd = open === -1 ? flat.length : open;
    if (plainEnd > i) {
      const piece = decodeSlackEntities(flat.slice(i, plainEnd));
      const room = max - visible;
      if (piece.length > room) {
        out.push(escapeMrkdwn(truncate(piece, Math.max(room, 1)).replace(/…$/, '')));
        cut = true;
        break;
      }
      out.push(escapeMrkdwn(piece));
      visible += piece.length;
    }
    if (open === -1) break;
    const close = flat.indexOf('>', open);
    if (close === -1) {
      // An unclosed "<" (a cut excerpt): show what is left as text.
      const rest = decodeSlackEntities(flat.slice(open));
      const room = max - visible;
      out.push(escapeMrkdwn(rest.length > room ? rest.slice(0, Math.max(room, 0)) : rest));
      if (rest.length > room) cut = true;
      break;
    }
    const inner = flat.slice(open + 1, close);
    const token = slackToken(inner);
    if (!push(token.mrkdwn, token.length)) break;
    i = close + 1;
  }
  const result = out.join('').trim();
  return cut ? `${result}…` : result;
}

function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function slackToken(inner: string): { mrkdwn: string; length: number } {
  const [target = '', label] = inner.split('|', 2);
  if (/^@[UW][A-Z0-9]+$/.test(target)) return { mrkdwn: `<${target}>`, length: 12 };
  if (/^#[CG][A-Z0-9]+$/.test(target)) return { mrkdwn: label ? `<${target}|${escapeMrkdwn(label)}>` : `<${target}>`, length: (label?.length ?? 10) + 1 };
  if (target.startsWith('!')) {
    // Broadcasts and user groups become words, so re-showing a message never pings anyone.
    const name = label ?? target.slice(1).split('^')[0] ?? '';
    const text = `@${name.replace(/^@/, '')}`;
    return { mrkdwn: escapeMrkdwn(text), length: text.length };
  }
  const text = decodeSlackEntities(label ?? target.replace(/^mailto:/, ''));
  return { mrkdwn: escapeMrkdwn(text), length: text.length };
}

/** A person's name for bold display: escaped, with asterisks that would end the bold replaced. */
export function boldName(name: string): string {
  return `*${escapeMrkdwn(truncate(name.replace(/\s+/g, ' ').trim(), 80)).replace(/\*/g, '∗')}*`;
}

/** A short quoted label (a post title, a badge name), escaped and cut. */
export function quoted(text: string, max = 100): string {
  return `“${escapeMrkdwn(truncate(text.replace(/\s+/g, ' ').trim(), max))}”`;
}
