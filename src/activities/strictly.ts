// A strict copy of a metadata schema: for what senders give us through the ingest API, where an
// unknown key is a mistake to report, not something to drop silently (zod objects strip them).
import { z } from 'zod';

type SchemaDef = z.core.$ZodTypeDef & Record<string, unknown>;

/**
 * A copy of a schema whose objects refuse unknown keys (zod objects strip them by default),
 * nested objects included. Objects that say what to do with other keys (loose, catchall) keep
 * it. Descriptions carry over (the copies name their originals as parents).
 */
export function strictly(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as SchemaDef;
  const copy = (changes: Record<string, unknown>) => schema.clone({ ...def, ...changes } as typeof schema._zod.def, { parent: true });
  const each = (schemas: readonly z.ZodType[]) => schemas.map(strictly);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([key, field]) => [key, strictly(field)]));
      return copy({ shape, catchall: def.catchall ?? z.never() });
    }
    case 'array':
      return copy({ element: strictly(def.element as z.ZodType) });
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return copy({ innerType: strictly(def.innerType as z.ZodType) });
    case 'union':
      return copy({ options: each(def.options as z.ZodType[]) });
    case 'record':
      return copy({ valueType: strictly(def.valueType as z.ZodType) });
    case 'tuple':
      return copy({ items: each(def.items as z.ZodType[]), rest: def.rest ? strictly(def.rest as z.ZodType) : null });
    case 'pipe': {
      // What is sent meets the input side; after a transform (z.preprocess) that is the output side.
      const input = def.in as z.ZodType;
      return input._zod.def.type === 'transform' ? copy({ out: strictly(def.out as z.ZodType) }) : copy({ in: strictly(input) });
    }
    default:
      // Scalars, and intersections (each side would refuse the other's keys): as they are.
      return schema;
  }
}
