// The app's registry of activity types.
import { ALL_ACTIVITY_TYPES } from './all-types';
import { ActivityRegistry } from './registry';

export const activityRegistry = new ActivityRegistry(ALL_ACTIVITY_TYPES);
export { ActivityRegistry } from './registry';
export type { ActivityTypeDefinition, MetadataVersion } from './define';
