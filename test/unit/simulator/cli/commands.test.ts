// The simulator prompt's grammar: what each line means, and the one-line error a typo gets.
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, helpText, parseCommand } from '../../../../src/simulator/cli/commands';

const ok = (line: string) => {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected "${line}" to parse, got: ${result.error}`);
  return result.command;
};
const error = (line: string) => {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected "${line}" to fail, got ${JSON.stringify(result.command)}`);
  return result.error;
};

describe('parseCommand', () => {
  it('reads a message, keeping the text as typed (inner spacing, emoji, #/@ inside it)', () => {
    expect(ok('message #general @ana Hello there')).toEqual({ kind: 'message', channel: 'general', user: 'ana', text: 'Hello there' });
    expect(ok('  msg   @ana #launch  ships  on #friday @bo 🎉 ')).toEqual({ kind: 'message', channel: 'launch', user: 'ana', text: 'ships  on #friday @bo 🎉' });
  });

  it('reads references to earlier messages by number, [number] or ts', () => {
    expect(ok('reply 1 @bo Hi!')).toEqual({ kind: 'reply', ref: { kind: 'number', n: 1 }, user: 'bo', text: 'Hi!' });
    expect(ok('edit [12] new words')).toEqual({ kind: 'edit', ref: { kind: 'number', n: 12 }, text: 'new words' });
    expect(ok('delete 1712345678.000100')).toEqual({ kind: 'delete', ref: { kind: 'ts', ts: '1712345678.000100' } });
  });

  it('reads reactions with or without colons, member and emoji in either order', () => {
    expect(ok('react 2 @bo :tada:')).toEqual({ kind: 'react', ref: { kind: 'number', n: 2 }, user: 'bo', emoji: 'tada' });
    expect(ok('unreact 2 tada @bo')).toEqual({ kind: 'unreact', ref: { kind: 'number', n: 2 }, user: 'bo', emoji: 'tada' });
    expect(ok('react 2 @bo :+1::skin-tone-3:')).toMatchObject({ emoji: '+1::skin-tone-3' });
  });

  it('reads join with an optional real name', () => {
    expect(ok('join eve')).toEqual({ kind: 'join', name: 'eve', realName: undefined });
    expect(ok('join @Eve Eve Martin')).toEqual({ kind: 'join', name: 'eve', realName: 'Eve Martin' });
  });

  it('reads slash commands with their arguments, and an optional channel', () => {
    expect(ok('command @ana /activity')).toEqual({ kind: 'command', user: 'ana', channel: undefined, command: '/activity', text: '' });
    expect(ok('command @ana #launch /activity type:reaction since:7d "launch plan"')).toEqual({
      kind: 'command',
      user: 'ana',
      channel: 'launch',
      command: '/activity',
      text: 'type:reaction since:7d "launch plan"',
    });
    expect(ok('command #help @bo /activity stats')).toMatchObject({ user: 'bo', channel: 'help', text: 'stats' });
  });

  it('reads the one-word commands, aliases, wait seconds and help topics', () => {
    for (const kind of ['play', 'users', 'channels', 'messages', 'quit'] as const) expect(ok(kind)).toEqual({ kind });
    expect(ok('EXIT')).toEqual({ kind: 'quit' });
    expect(ok('home @dee')).toEqual({ kind: 'home', user: 'dee' });
    expect(ok('wait')).toEqual({ kind: 'wait', seconds: undefined });
    expect(ok('wait 2.5')).toEqual({ kind: 'wait', seconds: 2.5 });
    expect(ok('help msg')).toEqual({ kind: 'help', topic: 'message' });
  });

  it('treats blank lines and "# comments" as nothing, so scripts can be annotated', () => {
    expect(ok('')).toEqual({ kind: 'nothing' });
    expect(ok('   ')).toEqual({ kind: 'nothing' });
    expect(ok('# Ana says hello')).toEqual({ kind: 'nothing' });
  });

  it('explains each mistake in one line with the usage', () => {
    expect(error('mesage #general @ana hi')).toBe('unknown command "mesage" — type help for the list');
    expect(error('message #general hi there')).toBe('expected @member, got "hi" — usage: message #channel @member text');
    expect(error('message #general @ana')).toBe('missing text — usage: message #channel @member text');
    expect(error('message general @ana hi')).toContain('expected #channel, got "general"');
    expect(error('reply x @bo hi')).toBe('expected a message number or ts, got "x" — usage: reply <n|ts> @member text');
    expect(error('react 0 @bo :tada:')).toContain('expected a message number or ts, got "0"');
    expect(error('react 1 @bo')).toBe('missing :emoji: — usage: react <n|ts> @member :emoji:');
    expect(error('delete 1 2')).toBe('unexpected "2" — usage: delete <n|ts>');
    expect(error('command @ana activity')).toBe('expected a /command, got "activity" — usage: command @member [#channel] /activity [args]');
    expect(error('command /activity')).toContain('missing @member');
    expect(error('join')).toBe('missing name — usage: join <name> [Real Name]');
    expect(error('wait soon')).toContain('expected seconds');
    expect(error('play now')).toBe('unexpected "now" — usage: play');
  });
});

describe('helpText', () => {
  it('lists every command with its usage, aligned; or one command', () => {
    const all = helpText();
    expect(all).toHaveLength(COMMAND_HELP.length);
    expect(all[0]).toMatch(/^ {2}message #channel @member text {2,}a member posts/);
    expect(new Set(all.map((line) => line.indexOf(COMMAND_HELP[all.indexOf(line)]!.what))).size).toBe(1);
    expect(helpText('react')).toEqual([expect.stringContaining('react <n|ts> @member :emoji:')]);
    expect(helpText('dance')).toEqual(['unknown command "dance" — type help for the list']);
  });
});
