// VERSIONS.md is generated from the registry; this fails when the committed file is stale.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { activityRegistry, ActivityRegistry } from '../../../src/activities';
import { fieldRows, typeLabel } from '../../../src/activities/docs/json-schema-fields';
import { renderVersionsMd } from '../../../src/activities/docs/render-versions-md';
import { widgetMade } from './test-types';

const VERSIONS_MD = fileURLToPath(new URL('../../../VERSIONS.md', import.meta.url));

describe('VERSIONS.md', () => {
  it('is up to date with the registry (run `npm run versions` if this fails)', () => {
    expect(readFileSync(VERSIONS_MD, 'utf8')).toBe(renderVersionsMd(activityRegistry));
  });

  it('renders the same text every time, whatever order the types were registered in', () => {
    const reversed = new ActivityRegistry([...activityRegistry.list()].reverse());
    expect(renderVersionsMd(reversed)).toBe(renderVersionsMd(activityRegistry));
  });

  it('lists every type in the table and gives each a section', () => {
    const text = renderVersionsMd(activityRegistry);
    for (const { type } of activityRegistry.list()) {
      expect(text).toContain(`| [\`${type}\`](#`);
      expect(text).toContain(`## \`${type}\``);
    }
  });
});

describe('renderVersionsMd', () => {
  const text = renderVersionsMd(new ActivityRegistry([widgetMade]));

  it('documents every version with its changelog, newest first', () => {
    const v3 = text.indexOf('### Version 3 (current)');
    const v2 = text.indexOf('### Version 2\n');
    const v1 = text.indexOf('### Version 1\n');
    expect(v3).toBeGreaterThan(0);
    expect(v2).toBeGreaterThan(v3);
    expect(v1).toBeGreaterThan(v2);
    expect(text).toContain('Renamed `title` to `name`.');
    expect(text).toContain('- **Recipient (optional):** Whoever the widget is for');
  });

  it('derives the fields table from the JSON Schema', () => {
    expect(text).toContain('| `priority` | integer ≥ 0, default `0` | no | Sort priority, 0 when unknown |');
    expect(text).toContain('| `title` | string | yes | Its title |');
  });
});

describe('fieldRows / typeLabel', () => {
  it('descends into arrays of objects and labels enums, constants and unions', () => {
    const rows = fieldRows(activityRegistry.jsonSchema('poll.created', 1));
    expect(rows.map((r) => r.field)).toEqual(expect.arrayContaining(['options', 'options[].option_id', 'options[].label']));
    expect(typeLabel({ enum: ['a', 'b'] })).toBe('`"a"` or `"b"`');
    expect(typeLabel({ const: 'message', type: 'string' })).toBe('`"message"`');
    expect(typeLabel({ anyOf: [{ type: 'string', format: 'ipv4' }, { type: 'string', format: 'ipv6' }] })).toBe(
      'string (ipv4) or string (ipv6)',
    );
    expect(typeLabel({ type: 'array', items: { type: 'string' } })).toBe('array of string');
  });
});
