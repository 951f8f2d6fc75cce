// What listeners need, handed in by the composition root (no globals).
import type { Logger } from '../../logger';
import type { Store } from '../../store/store';
import type { SlackDirectory } from '../directory';
import type { LabelFiller } from '../../collect/label-filler';
import type { ActivityRegistry } from '../../activities/registry';

export interface ListenerDeps {
  store: Store;
  directory: SlackDirectory;
  labels: LabelFiller;
  registry: ActivityRegistry;
  logger: Logger;
}
