/**
 * Checking untrusted input on the page — share links, review notes and imports kept in localStorage, the committed
 * checked-lines.json — and plain-English text for what was wrong, located ("0.text: empty").
 *
 * Two validation libraries, on purpose. The page uses valibot for weight: its functions are imported one by one, so
 * the first load carries only the few used here (about 8 KB minified, 2.5 KB gzip), where zod/mini brought its whole
 * core (about 28 KB, 8.6 KB gzip). The command line keeps zod for its JSON Schema export: src/cli/explainSchema.ts
 * describes `explain --format json` once, z.toJSONSchema writes schema/explain.schema.json from it (npm run schema)
 * and tests check the CLI's output against it; that runs at build and test time only, and valibot would need another
 * package for it. Lint keeps zod out of everything but src/cli.
 *
 * The helpers below make valibot accept, refuse and word exactly what the zod/mini schemas it replaced did:
 * objects, records and variants refuse arrays; a missing field reads as what the field expected; a capped list is
 * refused for its length before its items are read; numbers are finite. describeIssue() words valibot's issues the
 * way the zod version worded zod's (zod, not being asked to, never reported the input, so no message says what was
 * found instead).
 */
import * as v from 'valibot';

type Issue = v.BaseIssue<unknown>;
type AnySchema = v.GenericSchema;

/**
 * `schema` (an object, record or variant), refusing arrays as zod does (valibot takes an array for an object), and
 * checking each field in `required` that is missing as undefined, as zod does: a missing field then says what it
 * expected ("text: expected string") instead of valibot's "missing key".
 */
function plain<S extends AnySchema>(schema: S, required: readonly string[] = []): S {
  return v._standardSchema<S>({
    ...schema,
    '~run'(dataset, config) {
      const x = dataset.value;
      if (Array.isArray(x)) {
        v._addIssue(schema, 'type', dataset, config);
        return dataset as unknown as v.OutputDataset<v.InferOutput<S>, v.InferIssue<S>>;
      }
      if (x && typeof x === 'object' && required.some((k) => !(k in x))) {
        dataset = { ...dataset, value: { ...Object.fromEntries(required.map((k) => [k, undefined])), ...x } };
      }
      return schema['~run'](dataset, config) as v.OutputDataset<v.InferOutput<S>, v.InferIssue<S>>;
    },
  });
}

const OPTIONAL = new Set(['optional', 'exact_optional', 'nullish']);

/** An object with these fields (others are dropped), as zod's z.object(). */
export function object<const E extends v.ObjectEntries>(entries: E): v.ObjectSchema<E, undefined> {
  return plain(v.object(entries), Object.keys(entries).filter((k) => !OPTIONAL.has(entries[k]!.type)));
}

/** An object whose every value is `value` (keys are strings), as zod's z.record(z.string(), value). */
export function record<const S extends AnySchema>(value: S): v.RecordSchema<v.StringSchema<undefined>, S, undefined> {
  return plain(v.record(v.string(), value));
}

/** One of `options` (objects made with object()), chosen by the field `key`, as zod's z.discriminatedUnion(). */
export function variant<const K extends string, const O extends v.VariantOptions<K>>(key: K, options: O): v.VariantSchema<K, O, undefined> {
  return plain(v.variant(key, options));
}

/**
 * An array of `item` with at most `max` (and at least `min`) entries. As zod does with a capped array, a list that
 * is too long is refused for that alone, without reading its items; one within bounds reports its first bad item.
 */
export function list<const S extends AnySchema>(item: S, max: number, min = 0) {
  return v.pipe(v.array(v.unknown()), v.minLength(min), v.maxLength(max), v.array(item));
}

/** A finite number, as zod's z.number(): JSON.parse reads 1e999 as Infinity, which valibot's number() takes. */
export const number = () => v.pipe(v.number(), v.finite());

/** A safe integer, as zod's z.int(). */
export const int = () => v.pipe(v.number(), v.finite(), v.integer(), v.safeInteger());

export function describeIssue(i: Issue): string {
  const where = i.path?.length ? i.path.map((p) => String(p.key)).join('.') : 'top level';
  return `${where}: ${what(i)}`;
}

function what(i: Issue): string {
  const n = String(i.requirement);
  switch (i.type) {
    case 'string':
    case 'number':
    case 'array':
    case 'record':
      return `expected ${i.type}`;
    case 'finite':
      return 'expected number';
    case 'integer':
      return 'expected int';
    case 'object':
      return 'expected object';
    case 'variant':
      // The input was not an object, or its discriminator matched no option (the issue is then located at it).
      return i.expected === 'Object' ? 'expected object' : 'matches none of the allowed forms';
    case 'picklist':
    case 'literal':
      // valibot writes the options as ("a" | "b"), each as JSON would for the plain strings and numbers used here.
      return `not one of ${(/^\((.*)\)$/.exec(i.expected ?? '')?.[1] ?? i.expected ?? '').split(' | ').join(', ')}`;
    case 'max_length':
      return typeof i.input === 'string' ? `longer than ${n} characters` : `more than ${n} items`;
    case 'min_length':
      if (typeof i.input === 'string') return Number(i.requirement) <= 1 ? 'empty' : `shorter than ${n} characters`;
      return `fewer than ${n} items`;
    case 'regex':
      return 'not in the expected format';
    case 'gt_value':
      return `not above ${n}`;
    case 'min_value':
      return `below ${n}`;
    case 'max_value':
    case 'lt_value':
      return `above ${n}`;
    case 'safe_integer':
      return Number(i.input) > 0 ? `above ${Number.MAX_SAFE_INTEGER}` : `below ${Number.MIN_SAFE_INTEGER}`;
    default:
      return i.message;
  }
}
