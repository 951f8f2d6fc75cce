// Looks up activity types, validates metadata against a version's schema (strictly, for what
// senders give us), and upgrades stored metadata to the current version on read (stored rows
// are never rewritten in place).
import { z } from 'zod';
import type { ActivityTypeDefinition, MetadataVersion } from './define';
import { plainWords, toIssues } from './issues';
import { strictly } from './strictly';
import {
  InvalidActivityMetadataError,
  UnknownActivityTypeError,
  UnknownActivityVersionError,
  type Issue,
} from '../errors';

export interface UpgradedMetadata {
  /** The version the metadata now has: the type's current version. */
  version: number;
  /** The version it was stored at (what the caller passed in), for callers that show both. */
  storedVersion: number;
  metadata: Record<string, unknown>;
}

export interface CheckOptions {
  /**
   * Refuse keys the version does not define, at any depth. For what senders give us (the
   * ingest API); stored rows and Slack-recorded metadata are read without it, so a key an
   * older build wrote never makes a row unreadable.
   */
  strict?: boolean;
}

export type MetadataCheck = { success: true; data: Record<string, unknown> } | { success: false; issues: Issue[] };

export class ActivityRegistry {
  private readonly byType = new Map<string, ActivityTypeDefinition>();
  private readonly strictSchemas = new WeakMap<z.ZodType, z.ZodType>();

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
   * Checks metadata against (type, version): the parsed value (defaults applied, unknown keys
   * stripped), or every problem as an issue under "metadata". With `strict`, a key the version
   * does not define is a problem too ("unknown field: not part of post.created v1").
   */
  check(type: string, version: number, metadata: unknown, options: CheckOptions = {}): MetadataCheck {
    const schema = this.version(type, version).schema;
    const result = (options.strict ? this.strictSchema(schema) : schema).safeParse(metadata, { error: plainWords });
    if (result.success) return { success: true, data: result.data as Record<string, unknown> };
    return { success: false, issues: toIssues(result.error, 'metadata', { unknownKey: `unknown field: not part of ${type} v${version}` }) };
  }

  /**
   * Validates metadata against (type, version) and returns the parsed value (defaults applied,
   * unknown keys stripped, or refused with `strict`). Throws InvalidActivityMetadataError naming
   * every failing field.
   */
  validate(type: string, version: number, metadata: unknown, options: CheckOptions = {}): Record<string, unknown> {
    const result = this.check(type, version, metadata, options);
    if (!result.success) throw new InvalidActivityMetadataError(type, version, result.issues);
    return result.data;
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

  /** JSON Schema (draft 2020-12) of one version's metadata, as the ingest API accepts it (no other keys). */
  jsonSchema(type: string, version: number): Record<string, unknown> {
    const schema = this.strictSchema(this.version(type, version).schema);
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  }

  private strictSchema(schema: z.ZodType): z.ZodType {
    let strict = this.strictSchemas.get(schema);
    if (!strict) {
      strict = strictly(schema);
      this.strictSchemas.set(schema, strict);
    }
    return strict;
  }
}
