// Renders VERSIONS.md from the registry: every type, every version, every field. Pure and
// deterministic (no dates, stable order), so a test can tell when the committed file is stale.
import type { ActivityTypeDefinition, RecipientRule } from '../define';
import type { ActivityRegistry } from '../registry';
import { fieldRows } from './json-schema-fields';

const INTRO = `# Activity types and versions

<!-- GENERATED from src/activities by scripts/generate-versions.ts: do not edit. Run \`npm run versions\`. -->

Every activity has a \`type\` (what happened) and a \`version\`: an integer naming the shape of its
\`metadata\` for that type. Types are never renamed; when the metadata of a type has to change,
the type gets a new version, like a database migration.

- New activities are always **written at the current version** of their type.
- Stored activities are never rewritten in place: older versions are **read back upgraded**,
  one step at a time (v1 → v2 → … → current), each step validated against the next version's
  schema. The API returns the metadata at the current \`version\` and the \`stored_version\` it was
  recorded at.
- The JSON Schema of every version is served by the API; this page is generated from the same
  schemas, so the two cannot disagree.

## How to add a version

1. Add \`src/activities/types/<type>/v<N>.ts\` exporting the new zod \`schema\` (describe every
   field) and \`v<N>\`, built with \`metadataVersion({ version: N, schema, changelog, previous,
   upgradeFrom })\`: \`upgradeFrom\` turns version N-1 metadata into version N (pure, total).
2. Append it to the type's \`versions\` in \`src/activities/types/<type>/index.ts\`. Never edit or
   remove an old version: stored rows still use it.
3. Add a stored example \`test/fixtures/activities/<type>/v<N>.json\`; every older example must
   keep validating and upgrading to the new current version.
4. Run \`npm run versions\` to regenerate this file, and commit it.
`;

const SOURCE_LABEL: Record<ActivityTypeDefinition['source'], string> = {
  slack: 'slack (Slack events)',
  external: 'external (ingest API)',
};

/** Makes text safe inside a markdown table cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** The anchor GitHub gives a heading like "## `post.created`". */
function anchor(type: string): string {
  return type.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

function recipientLine(rule: RecipientRule): string {
  return rule.kind === 'none' ? '- **Recipient:** none' : `- **Recipient (${rule.kind}):** ${rule.who}`;
}

function byName(a: ActivityTypeDefinition, b: ActivityTypeDefinition): number {
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

function renderVersion(registry: ActivityRegistry, definition: ActivityTypeDefinition, version: number): string {
  const current = version === definition.versions.length;
  const spec = registry.version(definition.type, version);
  const rows = fieldRows(registry.jsonSchema(definition.type, version));
  return [
    `### Version ${version}${current ? ' (current)' : ''}`,
    '',
    spec.changelog,
    '',
    '| Field | Type | Required | Meaning |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.field}\` | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell(r.description)} |`),
    '',
  ].join('\n');
}

function renderType(registry: ActivityRegistry, definition: ActivityTypeDefinition): string {
  const versions = definition.versions.map((v) => v.version);
  return [
    `## \`${definition.type}\``,
    '',
    definition.description,
    '',
    `- **Source:** ${SOURCE_LABEL[definition.source]}`,
    `- **Initiator:** ${definition.initiator}`,
    recipientLine(definition.recipient),
    `- **Current version:** ${definition.versions.length}`,
    '',
    // Newest first: the shape a reader most likely wants is at the top.
    ...[...versions].reverse().map((v) => renderVersion(registry, definition, v)),
  ].join('\n');
}

/** The whole VERSIONS.md for a registry. */
export function renderVersionsMd(registry: ActivityRegistry): string {
  const definitions = registry.list().sort(byName);
  const table = [
    '## Types',
    '',
    '| Type | Source | Current version | Description |',
    '|---|---|---|---|',
    ...definitions.map(
      (d) => `| [\`${d.type}\`](#${anchor(d.type)}) | ${d.source} | ${d.versions.length} | ${cell(d.description)} |`,
    ),
    '',
  ].join('\n');
  return [INTRO, table, ...definitions.map((d) => renderType(registry, d))].join('\n').replace(/\n+$/, '\n');
}
