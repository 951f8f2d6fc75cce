import { describe, expect, it } from 'vitest';
import { cleanExcerpt, slackDate, sparkline } from '../../../src/ui/format';
import { escapeMrkdwn, fitLines, truncate, truncateMrkdwn } from '../../../src/ui/limits';

describe('format and limits helpers', () => {
  it('formats dates for Slack to show in the reader zone, with a UTC fallback', () => {
    expect(slackDate(new Date('2026-11-01T14:03:27Z'))).toBe('<!date^1793541807^{date_short_pretty} at {time}|2026-11-01 14:03 UTC>');
  });

  it('draws sparklines scaled to the busiest day, zero days lowest', () => {
    expect(sparkline([0, 1, 4, 8, 2, 0, 1])).toBe('▁▂▅█▃▁▂');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([5])).toBe('█');
  });

  it('truncates without breaking words, surrogate pairs, tokens or entities', () => {
    expect(truncate('hello world', 20)).toBe('hello world');
    expect(truncate('the quick brown fox jumps', 20)).toBe('the quick brown…');
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    expect(truncateMrkdwn('see <https://example.com/a/very/long/path|the doc> now', 20)).toBe('see…');
    expect(truncateMrkdwn('fish &amp; chips', 8)).toBe('fish…');
    expect(escapeMrkdwn('<a & b>')).toBe('&lt;a &amp; b&gt;');
  });

  it('cleans excerpts to a bounded length', () => {
    expect(cleanExcerpt('x'.repeat(400), 150).length).toBeLessThanOrEqual(151);
    expect(cleanExcerpt('ping <!here|here> and <!subteam^S123|@team>', 100)).toBe('ping @here and @team');
    expect(cleanExcerpt('half a link <https://exa', 100)).toBe('half a link &lt;https://exa');
  });

  it('fits lines, noting how many were left out', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(50)}`);
    const fitted = fitLines(lines, 500, (n) => `…and ${n} more`);
    expect(fitted.length).toBeLessThanOrEqual(500);
    expect(fitted).toMatch(/…and \d+ more$/);
    expect(fitLines(['a', 'b'], 500, () => 'more')).toBe('a\nb');
  });
});
