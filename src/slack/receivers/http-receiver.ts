// HTTP mode's receiver: Bolt's ExpressReceiver on the app's own Express app, answering Slack
// only after the listeners finished (an event is acked once stored), reading the body through
// slackRequestsRouter (raw text kept for dead letters), and answering the failures a person
// can act on with their reason: 400 for a body that is not a Slack payload, 503 with
// Retry-After while the database is away (Slack redelivers either way).
import { ExpressReceiver, HTTPModuleFunctions } from '@slack/bolt';
import type { Express } from 'express';
import { ErrorCode } from '../../errors';
import { boltLogger, type Logger } from '../../logger';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from '../../store/errors';
import { MalformedSlackRequest } from '../checked-app';
import type { EventTally } from '../event-tally';
import { rawBodyProperty, SLACK_BODY_LIMIT, SLACK_EVENTS_PATH, slackRequestsRouter } from './slack-requests-router';

function json(response: import('node:http').ServerResponse, status: number, headers: Record<string, string>, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ error: { code, message, issues: [] } }));
}

export function httpReceiver(deps: { web: Express; signingSecret: string; logger: Logger; tally: EventTally }): ExpressReceiver {
  return new ExpressReceiver({
    signingSecret: deps.signingSecret,
    // Respond to Slack only after listeners finished: an event is acked once stored.
    processBeforeResponse: true,
    app: deps.web,
    router: slackRequestsRouter(deps.logger, deps.tally, { bodyLimit: SLACK_BODY_LIMIT }),
    endpoints: SLACK_EVENTS_PATH,
    bodyLimit: SLACK_BODY_LIMIT,
    // The raw body text, read by slackRequestsRouter, for dead letters kept exactly as Slack sent them.
    customPropertiesExtractor: rawBodyProperty,
    logger: boltLogger(deps.logger),
    processEventErrorHandler: async (args) => {
      if (args.error instanceof MalformedSlackRequest && !args.response.headersSent) {
        json(args.response, 400, {}, ErrorCode.InvalidRequest, args.error.message);
        return true;
      }
      if (isStoreUnavailable(args.error) && !args.response.headersSent) {
        json(args.response, 503, { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) }, ErrorCode.StoreUnavailable, 'the database is unavailable; retry later');
        return true;
      }
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    },
  });
}
