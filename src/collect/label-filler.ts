// Fills in point-in-time labels (channel name, display names) that were unknown when an
// activity was recorded because Slack was slow or rate-limited, and settles the privacy of
// channels first seen through an event that did not say. Runs in the background, in batches.
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import type { SlackDirectory } from '../slack/directory';

const BATCH = 200;

export class LabelFiller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: { store: Store; directory: SlackDirectory; logger: Logger; intervalMs?: number },
  ) {}

  /** Starts the periodic pass. */
  start(): void {
    this.stopped = false;
    this.schedule(this.deps.intervalMs ?? 5_000);
  }

  /** Asks for a pass soon (debounced). */
  poke(): void {
    if (!this.stopped) this.schedule(250);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.runOnce().finally(() => {
        if (!this.stopped) this.schedule(this.deps.intervalMs ?? 5_000);
      });
    }, ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over pending activities; returns how many were completed. */
  runOnce(): Promise<void> {
    if (!this.running) {
      this.running = this.pass()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'label filling failed; will retry'))
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
        });
    }
    return this.running;
  }

  private async pass(): Promise<number> {
    const { store, directory } = this.deps;
    const rows = await store.activities.pendingLabels(BATCH);
    let done = 0;
    for (const row of rows) {
      const metadata = row.metadata as Record<string, unknown>;
      const labels: Record<string, unknown> = {};
      let complete = true;
      if (row.channelId) {
        const channel = (await directory.fetchChannel(row.workspaceId, row.channelId)) ?? null;
        if (channel) {
          if (!channel.isCollected) {
            // Seen through an event that did not say the channel was private; it is, and
            // nobody opted it in, so it should never have been recorded.
            await store.activities.delete(row.id);
            this.deps.logger.info({ activityId: row.id, channelId: row.channelId }, 'removed activity from a channel that is not collected');
            continue;
          }
          if (channel.isPrivate !== row.channelPrivate) {
            await store.activities.setChannelPrivacy(row.workspaceId, row.channelId, channel.isPrivate);
          }
          if (channel.name && !metadata.channel_name) labels.channel_name = channel.name;
        } else if (!directory.isGone('channel', row.workspaceId, row.channelId)) complete = false;
      }
      for (const [field, member] of [
        ['initiator_name', row.initiator],
        ['recipient_name', row.recipient],
      ] as const) {
        if (!member?.slackUserId || metadata[field]) continue;
        const name = await directory.fetchMember(row.workspaceId, member.slackUserId);
        if (name) labels[field] = name;
        else if (name === undefined && !directory.isGone('user', row.workspaceId, member.slackUserId)) complete = false;
      }
      try {
        await store.activities.fillLabels(row.id, labels, !complete);
        if (complete) done++;
      } catch (error) {
        this.deps.logger.warn({ err: error, activityId: row.id }, 'could not fill labels');
      }
    }
    return done;
  }
}
