// Tab completion at the prompt: command names first, then @members and #channels of the
// simulated workspace, so nobody has to remember who is in it.
import { COMMAND_HELP } from './commands';

export interface CompletionNames {
  members: () => string[];
  channels: () => string[];
}

/** readline's completer contract: the candidates for the line's last word, and that word. */
export function complete(line: string, names: CompletionNames): [string[], string] {
  const word = /(\S*)$/.exec(line)?.[1] ?? '';
  const isFirstWord = line.trimStart() === word;
  let candidates: string[];
  if (isFirstWord) candidates = COMMAND_HELP.map((c) => c.verb);
  else if (word.startsWith('@')) candidates = names.members().map((n) => `@${n}`);
  else if (word.startsWith('#')) candidates = names.channels().map((n) => `#${n}`);
  else candidates = [];
  return [candidates.filter((c) => c.startsWith(word)), word];
}
