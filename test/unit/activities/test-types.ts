// Test-only activity types: a type with three versions exercises the registry's machinery
// (upgrade chains, defaults, broken steps) without depending on any real type's history.
import { z } from 'zod';
import { defineActivityType, metadataVersion } from '../../../src/activities/define';

const widgetV1 = z.object({
  widget_id: z.string().min(1).describe('The widget'),
  title: z.string().describe('Its title'),
});
const widgetV2 = z.object({
  widget_id: z.string().min(1).describe('The widget'),
  name: z.string().describe('Its name (was "title")'),
});
const widgetV3 = widgetV2.extend({
  priority: z.number().int().min(0).default(0).describe('Sort priority, 0 when unknown'),
});

export const v1 = metadataVersion({ version: 1, schema: widgetV1, changelog: 'Initial shape.' });
export const v2 = metadataVersion({
  version: 2,
  schema: widgetV2,
  previous: widgetV1,
  changelog: 'Renamed `title` to `name`.',
  upgradeFrom: ({ title, ...rest }) => ({ ...rest, name: title }),
});
export const v3 = metadataVersion({
  version: 3,
  schema: widgetV3,
  previous: widgetV2,
  changelog: 'Added `priority` (default 0).',
  // Leaves `priority` out on purpose: the v3 schema's default fills it in.
  upgradeFrom: (previous) => previous,
});

/** test.widget_made: v1 -> v2 renames a field, v2 -> v3 adds a defaulted field. */
export const widgetMade = defineActivityType({
  type: 'test.widget_made',
  description: 'A widget was made (test only).',
  source: 'external',
  initiator: 'The maker',
  recipient: { kind: 'optional', who: 'Whoever the widget is for' },
  versions: [v1, v2, v3],
  searchText: (m) => String(m.name ?? ''),
});

/** test.broken_upgrade: its v1 -> v2 step "forgets" the rename, producing invalid v2 metadata. */
export const brokenUpgrade = defineActivityType({
  type: 'test.broken_upgrade',
  description: 'An upgrade step with a bug (test only).',
  source: 'external',
  initiator: 'Nobody',
  recipient: { kind: 'none' },
  versions: [
    v1,
    metadataVersion({
      version: 2,
      schema: widgetV2,
      changelog: 'Renamed `title` to `name` (badly).',
      upgradeFrom: (previous: unknown) => previous as z.input<typeof widgetV2>,
    }),
  ],
});
