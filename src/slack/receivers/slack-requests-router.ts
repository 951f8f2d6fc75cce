// The router Bolt's ExpressReceiver mounts POST /slack/events on, with three things in front:
// - checks that need no body and that Bolt does not make: a request timestamp from more than
//   5 minutes in the future is refused like a stale one (Slack's rule is 5 minutes either
//   way), and a body declared larger than the limit is refused before it is read, with the
//   connection closed (Bolt answers 413 but leaves the unread body on a keep-alive socket,
//   where it is taken for the next request, which then never gets an answer);
// - a look at each answer once it is sent, so the log says when Slack verified the request
//   URL (the set-up step where a person waits for a green tick) and the summary counts
//   requests refused for a bad signature (a wrong SLACK_SIGNING_SECRET);
// - the body read here, as text, for Bolt and for dead letters (see readRawBody).
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../../logger';
import type { EventTally } from '../event-tally';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Largest request body accepted at /slack/events (Bolt's default; Slack's payloads are far smaller). */
export const SLACK_BODY_LIMIT = 4 * 1024 * 1024;
/** How far a request's timestamp may be from our clock, either way (Slack's documented rule). */
export const SLACK_TIMESTAMP_TOLERANCE_S = 5 * 60;

function refuse(res: Response, status: number, message: string, close = false): void {
  if (close) res.set('connection', 'close');
  res.status(status).json({ error: { code: status === 413 ? 'payload_too_large' : 'unauthorized', message, issues: [] } });
}

export function slackRequestsRouter(logger: Logger, tally: EventTally, options: { bodyLimit?: number; now?: () => number } = {}): Router {
  const limit = options.bodyLimit ?? SLACK_BODY_LIMIT;
  const now = options.now ?? Date.now;
  const router = Router();
  router.use(SLACK_EVENTS_PATH, (req: Request, res, next) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      refuse(res, 413, `the body is larger than ${limit} bytes`, true);
      return;
    }
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp > now() / 1000 + SLACK_TIMESTAMP_TOLERANCE_S) {
      tally.badSignature();
      refuse(res, 401, 'X-Slack-Request-Timestamp is more than 5 minutes in the future');
      return;
    }
    watchAnswer(req, res, logger, tally);
    readRawBody(req, res, limit, next);
  });
  return router;
}

/**
 * Reads the body into `req.rawBody` (a string), which Bolt then verifies and parses instead of
 * reading the stream itself: the exact text Slack signed stays at hand, so a payload the app
 * cannot map is kept as a dead letter exactly as it came (re-serialising a parsed payload can
 * fail: JSON.stringify overflows on deep nesting). A body that grows past the limit without
 * having declared its length gets a 413 and the connection is closed.
 */
function readRawBody(req: Request, res: Response, limit: number, next: () => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > limit) {
      refused = true;
      refuse(res, 413, `the body is larger than ${limit} bytes`, true);
      res.once('finish', () => req.socket.destroySoon());
      return;
    }
    chunks.push(chunk);
  });
  req.once('end', () => {
    if (refused) return;
    (req as Request & { rawBody?: string }).rawBody = Buffer.concat(chunks, size).toString('utf8');
    next();
  });
  req.once('error', () => {
    if (!res.headersSent) res.status(400).end();
  });
}

/** Counts refused signatures and logs Slack's URL verification, from the answer once sent. */
function watchAnswer(req: Request, res: Response, logger: Logger, tally: EventTally): void {
  res.once('finish', () => {
    if (res.statusCode === 401) {
      tally.badSignature();
      return;
    }
    const body = req.body as { type?: unknown } | undefined;
    if (res.statusCode === 200 && body?.type === 'url_verification') {
      logger.info('Slack verified the request URL: it can now send events, slash commands and interactions here');
    }
  });
}

/** Bolt's customPropertiesExtractor: hands the raw body text to the listeners' context. */
export function rawBodyProperty(req: Request): { rawBody?: string } {
  const raw = (req as Request & { rawBody?: unknown }).rawBody;
  return typeof raw === 'string' ? { rawBody: raw } : {};
}
