// What listeners need, handed in by the composition root (no globals).
import type { Logger } from '../../logger';
import type { Store } from '../../store/store';
import type { SlackDirectory } from '../../sources/slack/lookups/directory';
import type { LabelFiller } from '../../sources/slack/label-filler';
import type { ActivityRegistry } from '../../activities/registry';
import type { BrowseServices } from '../../browse/services';
import type { EventTally } from '../event-tally';
import type { SlackAccess } from '../install/slack-access';

export interface ListenerDeps {
  store: Store;
  directory: SlackDirectory;
  labels: LabelFiller;
  registry: ActivityRegistry;
  logger: Logger;
  /** Each workspace's Slack client and installation (one token, or the OAuth installations). */
  access?: SlackAccess;
  /** Counts events for the once-a-minute summary in the log. */
  tally?: EventTally;
  /** Caches for /activity and the Home tab; created on first use when not handed in. */
  browse?: BrowseServices;
}
