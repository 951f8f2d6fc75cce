// The CLI's pure parts: argument parsing, command lookup, scope lists, export flags, the
// progress bar, and help / usage errors (which never touch a database).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { exportQueryFromFlags } from '../../../src/cli/commands/export';
import { parseScopeList, table } from '../../../src/cli/commands/keys';
import { databaseUrlFrom } from '../../../src/cli/context';
import { CliError } from '../../../src/cli/io';
import { renderProgress } from '../../../src/cli/progress';
import { findCommand, parseCliArgs, runCli } from '../../../src/cli/run';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { out: '', err: '' };
  stdout.on('data', (d: Buffer) => (text.out += d.toString()));
  stderr.on('data', (d: Buffer) => (text.err += d.toString()));
  // A DATABASE_URL that cannot be opened: these runs must fail before needing one.
  return { io: { stdout, stderr, env: { DATABASE_URL: 'mysql://nope' }, stderrIsTty: false }, text };
}

describe('CLI arguments', () => {
  it('finds one- and two-word commands and their arguments', () => {
    expect(findCommand(['keys', 'revoke', 'key_1'])).toEqual({ name: 'keys revoke', args: ['key_1'] });
    expect(findCommand(['export'])).toEqual({ name: 'export', args: [] });
    expect(findCommand(['channels', 'collect', 'C1', 'on'])).toEqual({ name: 'channels collect', args: ['C1', 'on'] });
    expect(findCommand(['keys'])).toBeNull();
    expect(findCommand(['keys', 'delete'])).toBeNull();
  });

  it('parses repeatable filters and rejects unknown options as usage errors', () => {
    const parsed = parseCliArgs(['export', '--type', 'post.created', '--type', 'comment.created', '--format', 'csv', '-o', 'out.csv']);
    expect(parsed.values).toMatchObject({ type: ['post.created', 'comment.created'], format: 'csv', output: 'out.csv' });
    expect(() => parseCliArgs(['export', '--nope'])).toThrow(CliError);
  });

  it('reads --scopes as a list of known scopes, or all', () => {
    expect(parseScopeList('activities:read, export,export')).toEqual(['activities:read', 'export']);
    expect(parseScopeList('all')).toEqual(['activities:read', 'activities:write', 'members:read', 'export']);
    expect(() => parseScopeList('activities:read,admin')).toThrow(/unknown scope "admin"/);
    expect(() => parseScopeList(undefined)).toThrow(/--scopes is required/);
  });

  it('validates export flags with the API export schema', () => {
    expect(exportQueryFromFlags({ type: ['post.created,comment.created'], since: '2024-01-01' }, activityRegistry)).toMatchObject({
      format: 'ndjson',
      type: ['post.created', 'comment.created'],
      since: new Date('2024-01-01T00:00:00Z'),
    });
    expect(() => exportQueryFromFlags({ format: 'xml' }, activityRegistry)).toThrow('--format: expected one of: ndjson, csv');
    expect(() => exportQueryFromFlags({ since: '2024-02-01', until: '2024-01-01' }, activityRegistry)).toThrow(/--until: since must be before until/);
    // Every problem at once, an unknown type included, each named by its flag.
    expect(() => exportQueryFromFlags({ format: 'xml', type: ['nope'] }, activityRegistry)).toThrow('--format: expected one of: ndjson, csv\n--type: "nope" is not a registered activity type');
 
    // /activity's words: aliases, relative times, channels by name.
    const before = Date.now();
    const words = exportQueryFromFlags({ type: ['reactions'], since: '7d', channel: '#general,launch' }, activityRegistry);
    expect(words).toMatchObject({ type: ['reactions'], channel: ['#general', 'launch'] });
    expect(Math.abs(words.since!.getTime() - (before - 7 * 86_400_000))).toBeLessThan(5_000);
  });

  it('reads DATABASE_URL as the app does', () => {
    expect(databaseUrlFrom({})).toBeUndefined();
    expect(databaseUrlFrom({ DATABASE_URL: '  ' })).toBeUndefined();
    expect(databaseUrlFrom({ DATABASE_URL: 'file:./x.db' })).toBe('file:./x.db');
    expect(() => databaseUrlFrom({ DATABASE_URL: 'mysql://x' })).toThrow(CliError);
  });
});

describe('CLI runs', () => {
  it('prints help to stdout with exit 0', async () => {
    const { io, text } = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(text.out).toContain('keys create --name <name> --scopes <scopes>');
  });

  it('answers no command or an unknown one with usage on stderr and exit 2', async () => {
    const a = capture();
    expect(await runCli([], a.io)).toBe(2);
    expect(a.text.err).toContain('Usage:');
    const b = capture();
    expect(await runCli(['keys', 'delete'], b.io)).toBe(2);
    expect(b.text.err).toContain('unknown command "keys delete"');
  });

  it('reports a bad DATABASE_URL in one line, exit 1', async () => {
    const { io, text } = capture();
    expect(await runCli(['keys', 'list'], io)).toBe(1);
    expect(text.err).toMatch(/^error: DATABASE_URL: expected/);
  });
});

describe('progress bar', () => {
  it('shows percent, counts, rate and ETA within the width', () => {
    const text = renderProgress({ done: 250_000, total: 1_000_000, elapsedMs: 10_000 }, 100);
    expect(text).toMatch(/^\[#+-+\]  25% 250,000\/1,000,000 rows {2}25,000\/s {2}ETA 0:30$/);
    expect(text.length).toBeLessThanOrEqual(100);
  });

  it('is full and done at the end, and copes with an empty export', () => {
    expect(renderProgress({ done: 10, total: 10, elapsedMs: 1000 })).toMatch(/^\[#+\] 100% 10\/10 rows/);
    expect(renderProgress({ done: 0, total: 0, elapsedMs: 0 })).toMatch(/100% 0\/0 rows/);
  });
});

describe('tables', () => {
  it('aligns columns', () => {
    expect(table([['ID', 'NAME'], ['k1', 'site'], ['key-22', 'ci']])).toBe('ID      NAME\nk1      site\nkey-22  ci');
  });
});
