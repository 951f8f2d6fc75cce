// The simulator prompt's little language, parsed without touching any state: names stay names
// (`#general`, `@ana`) and message references stay numbers or ts values, so the parser can be
// tested on its own and the session decides what they mean.

/** A message sent earlier in the session: its number as printed ([3]) or its Slack ts. */
export type MessageRef = { kind: 'number'; n: number } | { kind: 'ts'; ts: string };

export type Command =
  | { kind: 'message'; channel: string; user: string; text: string }
  | { kind: 'reply'; ref: MessageRef; user: string; text: string }
  | { kind: 'react' | 'unreact'; ref: MessageRef; user: string; emoji: string }
  | { kind: 'edit'; ref: MessageRef; text: string }
  | { kind: 'delete'; ref: MessageRef }
  | { kind: 'join'; name: string; realName: string | undefined }
  | { kind: 'command'; user: string; channel: string | undefined; command: string; text: string }
  | { kind: 'home'; user: string }
  | { kind: 'wait'; seconds: number | undefined }
  | { kind: 'play' | 'install' | 'users' | 'channels' | 'messages' | 'quit' | 'nothing' }
  | { kind: 'help'; topic: string | undefined };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

/** One line per command, in the order `help` lists them. */
export const COMMAND_HELP: ReadonlyArray<{ verb: string; usage: string; what: string }> = [
  { verb: 'message', usage: 'message #channel @member text', what: 'a member posts a message (numbered [1], [2] … for later commands)' },
  { verb: 'reply', usage: 'reply <n|ts> @member text', what: "a reply in message n's thread" },
  { verb: 'react', usage: 'react <n|ts> @member :emoji:', what: 'a member adds a reaction to message n' },
  { verb: 'unreact', usage: 'unreact <n|ts> @member :emoji:', what: 'a member removes that reaction' },
  { verb: 'edit', usage: 'edit <n|ts> new text', what: 'the author edits message n' },
  { verb: 'delete', usage: 'delete <n|ts>', what: 'the author deletes message n' },
  { verb: 'join', usage: 'join <name> [Real Name]', what: 'a new member joins the workspace (team_join) and #general' },
  { verb: 'command', usage: 'command @member [#channel] /activity [args]', what: "a slash command; prints the app's answer" },
  { verb: 'home', usage: 'home @member', what: "a member opens the app's Home tab; prints the published view" },
  { verb: 'play', usage: 'play', what: "the demo's community story (15 events)" },
  { verb: 'wait', usage: 'wait [seconds]', what: 'waits until the app answers (default 60 s); for scripts' },
  { verb: 'install', usage: 'install', what: "with --oauth: installs the app through its /slack/install, as a person's browser would" },
  { verb: 'users', usage: 'users', what: 'the members' },
  { verb: 'channels', usage: 'channels', what: 'the channels' },
  { verb: 'messages', usage: 'messages', what: 'the messages sent in this session' },
  { verb: 'help', usage: 'help [command]', what: 'this list' },
  { verb: 'quit', usage: 'quit', what: 'stops the simulator (Ctrl-D too)' },
];

const ALIASES: Record<string, string> = { msg: 'message', exit: 'quit', q: 'quit', '?': 'help', unreaction: 'unreact' };

const usageOf = (verb: string): string => COMMAND_HELP.find((c) => c.verb === verb)?.usage ?? verb;

class Problem extends Error {}

/** Splits off the first whitespace-separated word; the rest keeps its inner spacing. */
function shift(rest: string): [string, string] {
  const trimmed = rest.trimStart();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return match ? [match[1] ?? '', match[2] ?? ''] : ['', ''];
}

function member(word: string, verb: string): string {
  const match = /^@([\w.'-]+)$/.exec(word);
  if (!match?.[1]) throw new Problem(word === '' ? `missing @member — usage: ${usageOf(verb)}` : `expected @member, got "${word}" — usage: ${usageOf(verb)}`);
  return match[1];
}

function channel(word: string, verb: string): string {
  const match = /^#([\w.-]+)$/.exec(word);
  if (!match?.[1]) throw new Problem(word === '' ? `missing #channel — usage: ${usageOf(verb)}` : `expected #channel, got "${word}" — usage: ${usageOf(verb)}`);
  return match[1];
}

function ref(word: string, verb: string): MessageRef {
  const number = /^\[?(\d+)\]?$/.exec(word);
  if (number?.[1] && Number(number[1]) >= 1) return { kind: 'number', n: Number(number[1]) };
  if (/^\d+\.\d+$/.test(word)) return { kind: 'ts', ts: word };
  throw new Problem(word === '' ? `missing message number — usage: ${usageOf(verb)}` : `expected a message number or ts, got "${word}" — usage: ${usageOf(verb)}`);
}

function emoji(word: string, verb: string): string {
  const match = /^:?([a-z0-9_+'-]+(?:::skin-tone-[2-6])?):?$/i.exec(word);
  if (!match?.[1]) throw new Problem(word === '' ? `missing :emoji: — usage: ${usageOf(verb)}` : `expected an :emoji:, got "${word}" — usage: ${usageOf(verb)}`);
  return match[1].toLowerCase();
}

function text(rest: string, verb: string): string {
  const value = rest.trim();
  if (value === '') throw new Problem(`missing text — usage: ${usageOf(verb)}`);
  return value;
}

function nothingMore(rest: string, verb: string): void {
  if (rest.trim() !== '') throw new Problem(`unexpected "${rest.trim()}" — usage: ${usageOf(verb)}`);
}

function parseVerb(verb: string, rest: string): Command {
  switch (verb) {
    case 'message': {
      // `message #general @ana hi` and `message @ana #general hi` both read naturally.
      const [first, afterFirst] = shift(rest);
      const [second, body] = shift(afterFirst);
      const [channelWord, memberWord] = first.startsWith('@') ? [second, first] : [first, second];
      return { kind: 'message', channel: channel(channelWord, verb), user: member(memberWord, verb), text: text(body, verb) };
    }
    case 'reply': {
      const [refWord, afterRef] = shift(rest);
      const [memberWord, body] = shift(afterRef);
      return { kind: 'reply', ref: ref(refWord, verb), user: member(memberWord, verb), text: text(body, verb) };
    }
    case 'react':
    case 'unreact': {
      const [refWord, afterRef] = shift(rest);
      const [a, afterA] = shift(afterRef);
      const [b, tail] = shift(afterA);
      nothingMore(tail, verb);
      const [memberWord, emojiWord] = a.startsWith('@') ? [a, b] : [b, a];
      return { kind: verb, ref: ref(refWord, verb), user: member(memberWord, verb), emoji: emoji(emojiWord, verb) };
    }
    case 'edit': {
      const [refWord, body] = shift(rest);
      return { kind: 'edit', ref: ref(refWord, verb), text: text(body, verb) };
    }
    case 'delete': {
      const [refWord, tail] = shift(rest);
      nothingMore(tail, verb);
      return { kind: 'delete', ref: ref(refWord, verb) };
    }
    case 'join': {
      const [nameWord, realName] = shift(rest);
      const name = /^@?([a-z0-9][a-z0-9._-]*)$/i.exec(nameWord)?.[1];
      if (!name) throw new Problem(nameWord === '' ? `missing name — usage: ${usageOf(verb)}` : `"${nameWord}" is not a Slack handle (letters, digits, . _ -) — usage: ${usageOf(verb)}`);
      return { kind: 'join', name: name.toLowerCase(), realName: realName.trim() || undefined };
    }
    case 'command': {
      let user: string | undefined;
      let channelName: string | undefined;
      let remaining = rest;
      for (;;) {
        const [word, after] = shift(remaining);
        if (word.startsWith('@') && user === undefined) user = member(word, verb);
        else if (word.startsWith('#') && channelName === undefined) channelName = channel(word, verb);
        else break;
        remaining = after;
      }
      if (user === undefined) throw new Problem(`missing @member — usage: ${usageOf(verb)}`);
      const [slash, args] = shift(remaining);
      if (!/^\/[\w-]+$/.test(slash)) throw new Problem(`expected a /command, got "${slash}" — usage: ${usageOf(verb)}`);
      return { kind: 'command', user, channel: channelName, command: slash, text: args.trim() };
    }
    case 'home': {
      const [memberWord, tail] = shift(rest);
      nothingMore(tail, verb);
      return { kind: 'home', user: member(memberWord, verb) };
    }
    case 'wait': {
      const [seconds, tail] = shift(rest);
      nothingMore(tail, verb);
      if (seconds !== '' && !/^\d+(\.\d+)?$/.test(seconds)) throw new Problem(`expected seconds, got "${seconds}" — usage: ${usageOf(verb)}`);
      return { kind: 'wait', seconds: seconds === '' ? undefined : Number(seconds) };
    }
    case 'help': {
      const [topic, tail] = shift(rest);
      nothingMore(tail, verb);
      return { kind: 'help', topic: topic === '' ? undefined : (ALIASES[topic] ?? topic) };
    }
    case 'play':
    case 'install':
    case 'users':
    case 'channels':
    case 'messages':
    case 'quit':
      nothingMore(rest, verb);
      return { kind: verb };
    default:
      throw new Problem(`unknown command "${verb}" — type help for the list`);
  }
}

/** Parses one prompt line; blank lines and `# comments` (for scripts) are `nothing`. */
export function parseCommand(line: string): ParseResult {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed === '#' || trimmed.startsWith('# ')) return { ok: true, command: { kind: 'nothing' } };
  const [word, rest] = shift(trimmed);
  const verb = ALIASES[word.toLowerCase()] ?? word.toLowerCase();
  try {
    return { ok: true, command: parseVerb(verb, rest) };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, error: error.message };
    throw error;
  }
}

/** The help text: every command, or one. */
export function helpText(topic?: string): string[] {
  const entries = topic ? COMMAND_HELP.filter((c) => c.verb === topic) : COMMAND_HELP;
  if (entries.length === 0) return [`unknown command "${topic}" — type help for the list`];
  const width = Math.max(...entries.map((c) => c.usage.length));
  return entries.map((c) => `  ${c.usage.padEnd(width)}  ${c.what}`);
}
