// Turns a version's JSON Schema (as the API serves it) into rows of a fields table, so the
// docs describe exactly what the API publishes.

/** One documented field; nested fields have dotted paths ("options[].label"). */
export interface FieldRow {
  field: string;
  type: string;
  required: boolean;
  description: string;
}

type JsonSchema = Record<string, unknown>;

const SAFE_INT = Number.MAX_SAFE_INTEGER;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function literal(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

/** A short, human type for one JSON Schema node: "string (date-time)", "integer ≥ 0", "`"a"` or `"b"`" ... */
export function typeLabel(schema: JsonSchema): string {
  let text: string;
  const variants = (schema.anyOf ?? schema.oneOf) as unknown;
  if ('const' in schema) text = literal(schema.const);
  else if (Array.isArray(schema.enum)) text = schema.enum.map(literal).join(' or ');
  else if (Array.isArray(variants)) text = [...new Set(variants.filter(isSchema).map(typeLabel))].join(' or ');
  else if (schema.type === 'string') text = stringLabel(schema);
  else if (schema.type === 'integer' || schema.type === 'number') text = numberLabel(schema);
  else if (schema.type === 'array') {
    const items = isSchema(schema.items) ? schema.items : {};
    text = items.type === 'object' ? 'array of objects' : `array of ${typeLabel(items)}`;
    if (typeof schema.minItems === 'number' && schema.minItems > 0) text += ` (at least ${schema.minItems})`;
  } else if (typeof schema.type === 'string') text = schema.type;
  else text = 'any';
  if ('default' in schema) text += `, default ${literal(schema.default)}`;
  return text;
}

function stringLabel(schema: JsonSchema): string {
  const parts: string[] = [];
  if (typeof schema.format === 'string') parts.push(schema.format);
  else if (typeof schema.pattern === 'string' && schema.pattern.length <= 40) parts.push(`\`${schema.pattern}\``);
  const min = typeof schema.minLength === 'number' && schema.minLength > 0 ? schema.minLength : undefined;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  if (min === 1) parts.push('non-empty');
  else if (min !== undefined) parts.push(`≥ ${min} chars`);
  if (max !== undefined) parts.push(`≤ ${max} chars`);
  return parts.length > 0 ? `string (${parts.join(', ')})` : 'string';
}

function numberLabel(schema: JsonSchema): string {
  const parts: string[] = [];
  if (typeof schema.minimum === 'number' && schema.minimum > -SAFE_INT) parts.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && schema.maximum < SAFE_INT) parts.push(`≤ ${schema.maximum}`);
  return [String(schema.type), ...parts].join(' ');
}

/** The rows of an object schema, in declaration order, descending into objects and arrays of objects. */
export function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(properties).flatMap(([name, property]) => {
    if (!isSchema(property)) return [];
    const field = `${prefix}${name}`;
    const row: FieldRow = {
      field,
      type: typeLabel(property),
      required: required.has(name),
      description: typeof property.description === 'string' ? property.description : '',
    };
    const items = property.type === 'array' && isSchema(property.items) ? property.items : undefined;
    const nested =
      property.type === 'object' ? fieldRows(property, `${field}.`) : items?.type === 'object' ? fieldRows(items, `${field}[].`) : [];
    return [row, ...nested];
  });
}
