// The registry's machinery, on test-only types: writing at the current version, reading older
// versions back upgraded, and the errors a caller gets (codes, and every failing field).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActivityRegistry } from '../../../src/activities/registry';
import { strictly } from '../../../src/activities/strictly';
import {
  AppError,
  ErrorCode,
  InvalidActivityMetadataError,
  UnknownActivityTypeError,
  UnknownActivityVersionError,
} from '../../../src/errors';
import { brokenUpgrade, widgetMade } from './test-types';

const registry = new ActivityRegistry([widgetMade, brokenUpgrade]);

/** The error a call throws, so its fields can be checked (fails the test if nothing is thrown). */
function thrown(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('ActivityRegistry: versions', () => {
  it('knows the current version: the last one', () => {
    expect(registry.currentVersion('test.widget_made')).toBe(3);
    expect(registry.version('test.widget_made', 3).changelog).toMatch(/priority/);
  });

  it('validates metadata written at the current version (defaults applied, unknown keys stripped)', () => {
    expect(registry.validate('test.widget_made', 3, { widget_id: 'w1', name: 'Gear', extra: true })).toEqual({
      widget_id: 'w1',
      name: 'Gear',
      priority: 0,
    });
  });

  it('reads current-version metadata back unchanged', () => {
    const stored = { widget_id: 'w1', name: 'Gear', priority: 2 };
    expect(registry.upgrade('test.widget_made', 3, stored)).toEqual({ version: 3, storedVersion: 3, metadata: stored });
  });

  it('reads stored v1 back upgraded to v3, with the stored version still visible', () => {
    const stored = { widget_id: 'w1', title: 'Gear' };
    const read = registry.upgrade('test.widget_made', 1, stored);
    expect(read).toEqual({ version: 3, storedVersion: 1, metadata: { widget_id: 'w1', name: 'Gear', priority: 0 } });
    // The stored row is never rewritten in place.
    expect(stored).toEqual({ widget_id: 'w1', title: 'Gear' });
  });

  it('reads stored v2 back upgraded through the last step only', () => {
    expect(registry.upgrade('test.widget_made', 2, { widget_id: 'w1', name: 'Gear' })).toEqual({
      version: 3,
      storedVersion: 2,
      metadata: { widget_id: 'w1', name: 'Gear', priority: 0 },
    });
  });

  it('catches an upgrade step that produces invalid data, naming the version it broke', () => {
    const error = thrown(() => registry.upgrade('test.broken_upgrade', 1, { widget_id: 'w1', title: 'Gear' }));
    expect(error).toBeInstanceOf(InvalidActivityMetadataError);
    expect(error.code).toBe(ErrorCode.ActivityInvalidMetadata);
    expect(error).toMatchObject({ type: 'test.broken_upgrade', version: 2 });
    expect(error.issues.map((i) => i.path)).toEqual(['metadata.name']);
  });

  it('computes lower-cased search text from current metadata', () => {
    expect(registry.searchText('test.widget_made', { widget_id: 'w1', name: 'Big GEAR', priority: 0 })).toBe('big gear');
    expect(registry.searchText('test.broken_upgrade', { widget_id: 'w1', name: 'x' })).toBeNull();
  });
});

describe('ActivityRegistry: errors', () => {
  it('rejects an unknown type', () => {
    for (const call of [
      () => registry.get('test.nope'),
      () => registry.validate('test.nope', 1, {}),
      () => registry.upgrade('test.nope', 1, {}),
      () => registry.jsonSchema('test.nope', 1),
    ]) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(UnknownActivityTypeError);
      expect(error.code).toBe(ErrorCode.ActivityUnknownType);
      expect(error.message).toContain('test.nope');
      expect(error.issues).toEqual([{ path: 'type', message: expect.stringContaining('test.nope') }]);
    }
    expect(registry.has('test.nope')).toBe(false);
  });

  it.each([0, 99, 1.5, -1, Number.NaN])('rejects unknown version %s, listing the known ones', (version) => {
    for (const call of [
      () => registry.version('test.widget_made', version),
      () => registry.validate('test.widget_made', version, { widget_id: 'w1', name: 'Gear' }),
      () => registry.upgrade('test.widget_made', version, { widget_id: 'w1', name: 'Gear' }),
      () => registry.jsonSchema('test.widget_made', version),
    ]) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(UnknownActivityVersionError);
      expect(error.code).toBe(ErrorCode.ActivityUnknownVersion);
      expect(error).toMatchObject({ type: 'test.widget_made', version, known: [1, 2, 3] });
      expect(error.message).toContain('test.widget_made');
      expect(error.issues[0]?.path).toBe('version');
    }
  });

  it('names the type, the version and every failing field path of invalid metadata', () => {
    const error = thrown(() => registry.validate('test.widget_made', 3, { widget_id: '', name: 7, priority: -1 }));
    expect(error).toBeInstanceOf(InvalidActivityMetadataError);
    expect(error.code).toBe(ErrorCode.ActivityInvalidMetadata);
    expect(error).toMatchObject({ type: 'test.widget_made', version: 3 });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['metadata.name', 'metadata.priority', 'metadata.widget_id']);
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'metadata.widget_id', message: 'must not be empty' },
        { path: 'metadata.name', message: 'expected a string' },
        { path: 'metadata.priority', message: 'must be at least 0' },
      ]),
    );
    expect(error.message).toMatch(/test\.widget_made v3/);
    expect(error.message).toContain('metadata.widget_id');
  });

  it('validates stored metadata against its stored version, not the current one', () => {
    // Valid at v3, but v1 needs `title`: a row stored at v1 with v3 metadata is corrupt.
    const error = thrown(() => registry.upgrade('test.widget_made', 1, { widget_id: 'w1', name: 'Gear' }));
    expect(error).toMatchObject({ code: ErrorCode.ActivityInvalidMetadata, type: 'test.widget_made', version: 1 });
    expect(error.issues.map((i) => i.path)).toEqual(['metadata.title']);
  });

  it('rejects metadata that is not an object, at the root', () => {
    const error = thrown(() => registry.validate('test.widget_made', 3, 'hello'));
    expect(error.code).toBe(ErrorCode.ActivityInvalidMetadata);
    expect(error.issues.map((i) => i.path)).toEqual(['metadata']);
  });

  it('refuses to register a type twice', () => {
    expect(() => new ActivityRegistry([widgetMade, widgetMade])).toThrow(/registered twice/);
  });
});

describe('ActivityRegistry: strict checks (what the ingest API accepts)', () => {
  it('refuses every key the version does not define, each at its own path, naming type and version', () => {
    const error = thrown(() => registry.validate('test.widget_made', 3, { widget_id: 'w1', name: 'Gear', colour: 'red', size: 2 }, { strict: true }));
    expect(error).toBeInstanceOf(InvalidActivityMetadataError);
    expect(error.issues).toEqual([
      { path: 'metadata.colour', message: 'unknown field: not part of test.widget_made v3' },
      { path: 'metadata.size', message: 'unknown field: not part of test.widget_made v3' },
    ]);
  });

  it('reports unknown keys together with the other problems', () => {
    const result = registry.check('test.widget_made', 1, { widget_id: 'w1', name: 'Gear' }, { strict: true });
    // `name` is a v2 field: at v1 it is unknown, and v1's `title` is missing.
    expect(result).toEqual({
      success: false,
      issues: [
        { path: 'metadata.title', message: 'required' },
        { path: 'metadata.name', message: 'unknown field: not part of test.widget_made v1' },
      ],
    });
  });

  it('accepts exactly the defined keys, with defaults applied', () => {
    expect(registry.check('test.widget_made', 3, { widget_id: 'w1', name: 'Gear' }, { strict: true })).toEqual({
      success: true,
      data: { widget_id: 'w1', name: 'Gear', priority: 0 },
    });
  });

  it('leaves reading alone: stored metadata with a key its version does not define still validates and upgrades', () => {
    const stored = { widget_id: 'w1', title: 'Gear', written_by_an_older_build: true };
    expect(registry.check('test.widget_made', 1, stored)).toEqual({ success: true, data: { widget_id: 'w1', title: 'Gear' } });
    expect(registry.upgrade('test.widget_made', 1, stored).metadata).toEqual({ widget_id: 'w1', name: 'Gear', priority: 0 });
  });
});

describe('strictly', () => {
  const unknownPaths = (schema: z.ZodType, value: unknown) => {
    const result = strictly(schema).safeParse(value);
    return result.success ? [] : result.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : []));
  };

  it('refuses unknown keys at every depth: objects in arrays, optionals, nullables, unions, records', () => {
    const schema = z.object({
      options: z.array(z.object({ id: z.string() })).min(1),
      place: z.object({ id: z.string() }).optional(),
      parent: z.object({ id: z.string() }).nullable(),
      either: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
      byName: z.record(z.string(), z.object({ n: z.number() })),
      withDefault: z.object({ d: z.string() }).default({ d: 'x' }),
    });
    const value = {
      options: [{ id: '1', x: 1 }],
      place: { id: 'p', y: 1 },
      parent: { id: 'q', z: 1 },
      either: { a: 'a', w: 1 },
      byName: { k: { n: 1, v: 1 } },
      withDefault: { d: 'y', u: 1 },
      top: 1,
    };
    expect(schema.safeParse(value).success).toBe(true);
    expect(unknownPaths(schema, value).sort()).toEqual(['byName.k.v', 'either.w', 'options.0.x', 'parent.z', 'place.y', 'top', 'withDefault.u']);
    expect(strictly(schema).safeParse({ options: [{ id: '1' }], parent: null, either: { b: 2 }, byName: {} }).success).toBe(true);
  });

  it('keeps what an object says about other keys (loose, catchall), refinements and the original', () => {
    const loose = z.looseObject({ a: z.string() });
    expect(strictly(loose).safeParse({ a: 'x', b: 1 })).toEqual({ success: true, data: { a: 'x', b: 1 } });
    const refined = z.object({ from: z.number(), to: z.number() }).refine((r) => r.from < r.to, 'from must be before to');
    expect(strictly(refined).safeParse({ from: 2, to: 1 }).error?.issues[0]?.message).toBe('from must be before to');
    const plain = z.object({ a: z.string() });
    strictly(plain);
    expect(plain.safeParse({ a: 'x', b: 1 })).toEqual({ success: true, data: { a: 'x' } });
  });

  it('keeps descriptions, so the JSON Schema still documents every field', () => {
    const schema = z.object({ a: z.string().describe('The a'), list: z.array(z.object({ b: z.string().describe('The b') })) }).describe('Root');
    expect(z.toJSONSchema(strictly(schema), { io: 'input' })).toMatchObject({
      description: 'Root',
      additionalProperties: false,
      properties: { a: { description: 'The a' }, list: { items: { additionalProperties: false, properties: { b: { description: 'The b' } } } } },
    });
  });
});

describe('ActivityRegistry: JSON Schema', () => {
  it('emits one per version, with field descriptions and required fields', () => {
    const v1 = registry.jsonSchema('test.widget_made', 1);
    const v3 = registry.jsonSchema('test.widget_made', 3);
    expect(v1).toMatchObject({ type: 'object', required: ['widget_id', 'title'] });
    expect(v3).toMatchObject({
      type: 'object',
      properties: { priority: { type: 'integer', default: 0, description: 'Sort priority, 0 when unknown' } },
    });
    // An input schema: a defaulted field need not be sent.
    expect(v3.required).toEqual(['widget_id', 'name']);
    // As the ingest API checks it: no other keys.
    expect(v1.additionalProperties).toBe(false);
    expect(v3.additionalProperties).toBe(false);
  });
});
