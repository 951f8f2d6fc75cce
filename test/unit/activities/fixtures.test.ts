// Every version of every type keeps a stored example, and every example still validates at
// its own version and upgrades to the current one: old rows in the database must stay readable.
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { storedExamples } from './stored-examples';

const examples = storedExamples();
const registered = activityRegistry.list().flatMap((d) => d.versions.map((v) => `${d.type}/v${v.version}.json`));

describe('stored activity examples (test/fixtures/activities)', () => {
  it('exist for every (type, version) in the registry, and for nothing else', () => {
    expect(examples.map((e) => e.file).sort()).toEqual([...registered].sort());
  });

  describe.each(examples)('$file', ({ type, version, metadata }) => {
    it('validates at its own version without losing a key', () => {
      const validated = activityRegistry.validate(type, version, metadata);
      // Parsing strips unknown keys: a misspelt field in the example would vanish here.
      expect(validated).toEqual(expect.objectContaining(metadata));
    });

    it('has no key its version does not define (passes the strict check the ingest API makes)', () => {
      expect(activityRegistry.check(type, version, metadata, { strict: true })).toMatchObject({ success: true });
    });

    it('upgrades to the current version', () => {
      const current = activityRegistry.currentVersion(type);
      const read = activityRegistry.upgrade(type, version, metadata);
      expect(read.version).toBe(current);
      expect(read.storedVersion).toBe(version);
      expect(activityRegistry.validate(type, current, read.metadata)).toEqual(read.metadata);
    });
  });
});
