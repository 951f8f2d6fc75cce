// Tab at the prompt completes commands, @members and #channels.
import { describe, expect, it } from 'vitest';
import { complete } from '../../../../src/simulator/cli/completer';

const names = { members: () => ['ana', 'bo', 'bea'], channels: () => ['general', 'help', 'launch'] };

describe('complete', () => {
  it('completes the command word, then @members and #channels, and nothing else', () => {
    expect(complete('re', names)).toEqual([['reply', 'react'], 're']);
    expect(complete('', names)[0]).toContain('message');
    expect(complete('message #ge', names)).toEqual([['#general'], '#ge']);
    expect(complete('message #general @b', names)).toEqual([['@bo', '@bea'], '@b']);
    expect(complete('message #general @ana hel', names)).toEqual([[], 'hel']);
  });
});
