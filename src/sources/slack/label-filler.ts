// Fills in point-in-time labels (channel name, display names) that were unknown when an
// activity was recorded because Slack was slow, rate-limited or unreachable, and settles the
// privacy of channels first seen through an event that did not say. Runs in the background,
// in batches. Unlike an event, it waits for Slack: through the directory's gate, as long as
// Slack asks (Retry-After, backoff), until the app stops.
import type { Logger } from '../../logger';
import type { Store } from '../../store/store';
import type { SlackDirectory } from './lookups/directory';
import type { Patience } from './lookups/slack-call-gate';

const BATCH = 200;
/** Activities labelled at once: lookups of different members and channels overlap (the gate still bounds calls per method). */
const CONCURRENCY = 8;

type PendingRow = Awaited<ReturnType<Store['activities']['pendingLabels']>>[number];

export class LabelFiller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Poked while a pass was running, or the pass had a full batch: the next one comes soon. */
  private again = false;
  /** Aborted by stop(): lookups waiting for Slack give up. */
  private stopping = new AbortController();

  constructor(
    private readonly deps: { store: Store; directory: SlackDirectory; logger: Logger; intervalMs?: number },
  ) {}

  /** Starts the periodic pass. */
  start(): void {
    this.stopped = false;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    this.schedule(this.deps.intervalMs ?? 5_000);
  }

  /** Asks for a pass soon (debounced); during a pass, for another one right after it. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(250);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.runOnce().finally(() => {
        if (this.stopped) return;
        // Activities recorded during a pass (it read its batch at the start) get the next one soon.
        const soon = this.again;
        this.again = false;
        this.schedule(soon ? 250 : (this.deps.intervalMs ?? 5_000));
      });
    }, ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopping.abort();
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
    const rows = await this.deps.store.activities.pendingLabels(BATCH);
    const patience: Patience = { signal: this.stopping.signal };
    let done = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, rows.length) }, async () => {
        while (next < rows.length && !patience.signal?.aborted) {
          if (await this.fill(rows[next++]!, patience)) done++;
        }
      }),
    );
    // A full batch that got somewhere: more are likely waiting, so the next pass comes soon too.
    if (rows.length === BATCH && done > 0) this.again = true;
    return done;
  }

  /** Labels one activity; true when nothing is left to fill. */
  private async fill(row: PendingRow, patience: Patience): Promise<boolean> {
    const { store, directory } = this.deps;
    const metadata = row.metadata as Record<string, unknown>;
    const labels: Record<string, unknown> = {};
    let complete = true;
    if (row.channelId) {
      // A channel Slack described already (by an event's own lookup, or for an earlier row) is
      // not asked again: one conversations.info per channel, not per activity.
      const known = await directory.channel(row.workspaceId, row.channelId, patience);
      const channel = known?.infoFetchedAt ? known : null;
      if (channel) {
        if (!channel.isCollected) {
          // Seen through an event that did not say the channel was private; it is, and
          // nobody opted it in, so it should never have been recorded.
          await store.activities.delete(row.id);
          this.deps.logger.info({ activityId: row.id, channelId: row.channelId }, 'removed activity from a channel that is not collected');
          return false;
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
      // Likewise a member whose profile came in meanwhile (memory), else users.info.
      const cached = directory.peekMemberName(row.workspaceId, member.slackUserId);
      const name = cached !== undefined ? cached : await directory.fetchMember(row.workspaceId, member.slackUserId, patience);
      if (name) labels[field] = name;
      else if (name === undefined && !directory.isGone('user', row.workspaceId, member.slackUserId)) complete = false;
    }
    if (patience.signal?.aborted) return false;
    try {
      await store.activities.fillLabels(row.id, labels, !complete);
      return complete;
    } catch (error) {
      this.deps.logger.warn({ err: error, activityId: row.id }, 'could not fill labels');
      return false;
    }
  }
}
