// The router Bolt's ExpressReceiver mounts POST /slack/events on, with two things in front:
// - checks that need no body and that Bolt does not make: a request timestamp from more than
//   5 minutes in the future is refused like a stale one (Slack's rule is 5 minutes either
//   way), and a body declared larger than the limit is refused before it is read, with the
//   connection closed (Bolt answers 413 but leaves the unread body on a keep-alive socket,
//   where it is taken for the next request, which then never gets an answer);
// - a look at each answer once it is sent, so the log says when Slack verified the request
//   URL (the set-up step where a person waits for a green tick) and the summary counts
//   requests refused for a bad signature (a wrong SLACK_SIGNING_SECRET).
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
  res.status(status).json({ error: { code: status === 413 ? 'payload_too_large' : 'unauthorized', message } });
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
    res.once('finish', () => {
      if (res.statusCode === 401) {
        tally.badSignature();
        return;
      }
      // Bolt refused a body that grew past the limit without declaring its length: drop the
      // connection, whose unread rest would otherwise be parsed as the next request.
      if (res.statusCode === 413 && !req.complete) {
        req.socket.destroySoon();
        return;
      }
      const body = req.body as { type?: unknown } | undefined;
      if (res.statusCode === 200 && body?.type === 'url_verification') {
        logger.info('Slack verified the request URL: it can now send events, slash commands and interactions here');
      }
    });
    next();
  });
  return router;
}
