// Looks up activity types, validates metadata against a version's schema, and upgrades stored
// metadata to the current version on read (stored rows are never rewritten in place).
import { z } from 'zod';
import type { ActivityTypeDefinition, MetadataVersion } from './define';
import {
  InvalidActivityMetadataError,
  UnknownActivityTypeError,
  UnknownActivityVersionError,
  type Issue,
} from '../errors';

/** zod issues as { path, message } pairs, with paths like "metadata.channel_id". */
export function toIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

export interface UpgradedMetadata {
  /** The version the metadata now has: the type's current version. */
  version: number;
  /** The version it was stored at (what the caller passed in), for callers that show both. */
  storedVersion: number;
  metadata: Record<string, unknown>;
}

export class ActivityRegistry {
  private readonly byType = new Map<string, ActivityTypeDefinition>();

  constructor(definitions: readonly ActivityTypeDefinition[]) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) throw new Error(`activity type "${definition.type}" is registered twice`);
      this.byType.set(definition.type, definition);
    }
  }

  /** Every registered type, sorted by name. */
  list(): ActivityTypeDefinition[] {
    return [...this.byType.values()].sort((a, b) => a.type.localeCompare(b.type));
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** The definition of a type, or UnknownActivityTypeError. */
  get(type: string): ActivityTypeDefinition {
    const definition = this.byType.get(type);
    if (!definition) throw new UnknownActivityTypeError(type);
    return definition;
  }

  currentVersion(type: string): number {
    return this.get(type).versions.length;
  }

  /** One version of a type, or UnknownActivityVersionError. */
  version(type: string, version: number): MetadataVersion {
    const definition = this.get(type);
    const found = Number.isInteger(version) ? definition.versions[version - 1] : undefined;
    if (!found) throw new UnknownActivityVersionError(type, version, definition.versions.map((v) => v.version));
    return found;
  }

  /**
   * Validates metadata against (type, version) and returns the parsed value (defaults applied,
   * unknown keys stripped). Throws InvalidActivityMetadataError naming every failing field.
   */
  validate(type: string, version: number, metadata: unknown): Record<string, unknown> {
    const result = this.version(type, version).schema.safeParse(metadata);
    if (!result.success) throw new InvalidActivityMetadataError(type, version, toIssues(result.error, 'metadata'));
    return result.data as Record<string, unknown>;
  }

  /**
   * Brings metadata stored at `version` up to the type's current version, one step at a time,
   * validating after every step so a broken upgrade is caught where it happens.
   */
  upgrade(type: string, version: number, metadata: unknown): UpgradedMetadata {
    const definition = this.get(type);
    let current = this.validate(type, version, metadata);
    for (let next = version + 1; next <= definition.versions.length; next++) {
      const step = this.version(type, next);
      const upgraded = (step.upgradeFrom as (previous: unknown) => unknown)(current);
      current = this.validate(type, next, upgraded);
    }
    return { version: definition.versions.length, storedVersion: version, metadata: current };
  }

  /** The searchable text of current-version metadata, lower-cased, or null. */
  searchText(type: string, metadata: Record<string, unknown>): string | null {
    const text = this.get(type).searchText?.(metadata);
    return text ? text.toLowerCase() : null;
  }

  /** JSON Schema (draft 2020-12) of one version's metadata. */
  jsonSchema(type: string, version: number): Record<string, unknown> {
    return z.toJSONSchema(this.version(type, version).schema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
  }
}
