// Socket Mode for Bolt, acknowledging an envelope only after its listeners finished — the
// same "ack after durable commit" rule as HTTP mode with processBeforeResponse. Bolt's own
// SocketModeReceiver acks events before the listeners run; an event lost to a crash or a
// database outage then would never be redelivered. A failed envelope is left unacked, so
// Slack sends it again (with retry_attempt set).
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { Logger as BoltLogger } from '@slack/bolt';
import type { AppError } from '../../errors';
import { tokenRefusal } from '../identify-bot';

export interface DeferredAckSocketModeReceiverOptions {
  appToken: string;
  logger: BoltLogger;
  /** Base URL of the Web API for apps.connections.open (the simulator in tests). */
  slackApiUrl?: string | undefined;
}

export class DeferredAckSocketModeReceiver implements Receiver {
  readonly client: SocketModeClient;
  private app: App | undefined;

  constructor(private readonly options: DeferredAckSocketModeReceiverOptions) {
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: options.logger,
      clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {},
    });
    this.client.on('slack_event', async (args: { ack: (response?: unknown) => Promise<void>; body: Record<string, unknown>; retry_num?: number; retry_reason?: string }) => {
      let stored: unknown;
      let acked = false;
      const event: ReceiverEvent = {
        body: args.body,
        retryNum: args.retry_num,
        retryReason: args.retry_reason,
        ack: async (response?: unknown) => {
          if (acked) throw new Error('ack() was already called for this envelope');
          acked = true;
          stored = response;
        },
      };
      try {
        await this.app?.processEvent(event);
        await args.ack(stored);
      } catch (error) {
        this.options.logger.error('event not acknowledged; Slack will redeliver it', error);
      }
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<unknown> {
    return this.client.start();
  }

  async stop(): Promise<unknown> {
    return this.client.disconnect();
  }
}

/** A refused SLACK_APP_TOKEN (apps.connections.open said invalid_auth …) as one actionable sentence. */
export function appTokenError(error: unknown): AppError | undefined {
  return tokenRefusal(
    error,
    'SLACK_APP_TOKEN',
    "create an app-level token with the connections:write scope under Basic Information → App-Level Tokens at https://api.slack.com/apps, and turn on Socket Mode (or unset SLACK_APP_TOKEN to use HTTP)",
  );
}
