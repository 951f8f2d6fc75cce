// The router Bolt's ExpressReceiver mounts POST /slack/events on, with one thing in front:
// a look at each answer once it is sent, so the log says when Slack verified the request URL
// (the step of the set-up where a person waits for a green tick) and the summary counts
// requests refused for a bad signature (a wrong SLACK_SIGNING_SECRET). It reads what Bolt
// already parsed; it adds no work before the answer.
import { Router, type Request } from 'express';
import type { Logger } from '../../logger';
import type { EventTally } from '../event-tally';

export const SLACK_EVENTS_PATH = '/slack/events';

export function slackRequestsRouter(logger: Logger, tally: EventTally): Router {
  const router = Router();
  router.use(SLACK_EVENTS_PATH, (req: Request, res, next) => {
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
    next();
  });
  return router;
}
