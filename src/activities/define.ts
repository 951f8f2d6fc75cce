// The shape of an activity type definition. One module per type builds one of these with
// `defineActivityType`; the registry (registry.ts) indexes them and runs the upgrades.
import type { z } from 'zod';

/** Where activities of a type come from: Slack events, or other systems through the ingest API. */
export type ActivitySource = 'slack' | 'external';

/** Whether a type has a recipient, and who that is. */
export type RecipientRule =
  | { kind: 'none' }
  | { kind: 'optional' | 'required'; who: string };

/**
 * One metadata version of a type. Version 1 has no `upgradeFrom`; every later version has an
 * `upgradeFrom` that turns the previous version's metadata into this one (pure, total).
 */
export interface MetadataVersion<Schema extends z.ZodType = z.ZodType> {
  version: number;
  schema: Schema;
  /** What changed in this version, for VERSIONS.md. */
  changelog: string;
  upgradeFrom?: (previous: never) => unknown;
}

export interface ActivityTypeDefinition {
  /** Stable name, e.g. "slack_reaction.added". Never renamed: versions change, names do not. */
  type: string;
  /** One line, for people. */
  description: string;
  source: ActivitySource;
  /** Who the initiator is, in words. */
  initiator: string;
  recipient: RecipientRule;
  /** Ordered 1..N, contiguous; the last one is the current version. */
  versions: readonly MetadataVersion[];
  /** Text a person would search for in this activity (an excerpt, a title), from CURRENT metadata. */
  searchText?: (metadata: Record<string, unknown>) => string | undefined;
}

/** Declares a version; `upgradeFrom` is typed against the previous version's schema. */
export function metadataVersion<Schema extends z.ZodType, Previous extends z.ZodType = z.ZodNever>(spec: {
  version: number;
  schema: Schema;
  changelog: string;
  upgradeFrom?: (previous: z.output<Previous>) => z.input<Schema>;
  previous?: Previous;
}): MetadataVersion<Schema> {
  return {
    version: spec.version,
    schema: spec.schema,
    changelog: spec.changelog,
    ...(spec.upgradeFrom ? { upgradeFrom: spec.upgradeFrom as (previous: never) => unknown } : {}),
  };
}

/** Checks a definition's invariants at load time, so a broken type fails fast and loudly. */
export function defineActivityType<const T extends ActivityTypeDefinition>(definition: T): T {
  const { type, versions } = definition;
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(type)) {
    throw new Error(`activity type "${type}": names are dotted snake_case, e.g. "post.created"`);
  }
  if (versions.length === 0) throw new Error(`activity type "${type}" has no versions`);
  versions.forEach((v, index) => {
    if (v.version !== index + 1) {
      throw new Error(`activity type "${type}": versions must be 1..N in order; found ${v.version} at position ${index + 1}`);
    }
    if (index === 0 && v.upgradeFrom) throw new Error(`activity type "${type}": version 1 cannot upgrade from anything`);
    if (index > 0 && !v.upgradeFrom) throw new Error(`activity type "${type}": version ${v.version} needs upgradeFrom`);
  });
  return definition;
}
