// Work that runs after Slack has its acknowledgement. The app answers Slack only when a listener
// returns (processBeforeResponse, and Socket Mode's deferred acks), so a listener that must
// answer within Slack's 3 seconds acks, hands the slow part to this, and returns.
import type { Logger } from '../../../logger';

/** Starts `work` without waiting for it; a failure is logged, then `onError` may tell the person. */
export function afterAck(logger: Logger, what: string, work: () => Promise<void>, onError?: (error: unknown) => Promise<void>): void {
  void (async () => {
    try {
      await work();
    } catch (error) {
      logger.error({ err: error }, `${what} failed`);
      if (onError) {
        try {
          await onError(error);
        } catch (reportError) {
          logger.warn({ err: reportError }, `${what}: could not report the failure`);
        }
      }
    }
  })();
}
