// A @slack/web-api logger that says nothing, for calls whose failures the caller reports
// itself in a sentence (start-up checks, the CLI), instead of WebClient's own warn lines.
import { LogLevel, type Logger } from '@slack/web-api';

export const quietSlackLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
