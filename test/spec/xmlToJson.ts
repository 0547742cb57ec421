// The specs describe these answers only as JSON (their `accepts` header names XML as the other
// form). An XML answer is checked by turning it into the JSON the schema describes, guided by the
// schema: attributes become properties (typed by the property's schema: 1/0 as booleans for
// boolean properties, numbers for numeric ones), child elements become objects, a lower-case
// element holding children becomes an array (plex.tv: <connections><connection/></connections>),
// repeated capitalised elements become an array (PMS: <Connection/><Connection/>), an element with
// only an `id` stands for a scalar array item, and a required property that may be null and is
// absent becomes null (XML cannot say null). The result is then validated like a JSON answer.
import type { Schema } from './specs';
import type { XmlElement } from './xmlTree';

function record(value: unknown): Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : {};
}

/** The schema with its allOf/oneOf/anyOf members' properties, types and required lists merged in. */
function flatten(schema: Schema): Schema {
  const members = ['allOf', 'oneOf', 'anyOf'].flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []));
  if (members.length === 0) return schema;
  const merged: Schema = { ...schema, properties: { ...record(schema['properties']) } };
  const types = new Set<string>(typesOf(schema));
  const required = new Set<string>(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  for (const member of members.map((m) => flatten(record(m)))) {
    Object.assign(record(merged['properties']), record(member['properties']));
    for (const type of typesOf(member)) types.add(type);
    if (Array.isArray(member['required'])) for (const name of member['required'] as string[]) required.add(name);
    if (merged['items'] === undefined && member['items'] !== undefined) merged['items'] = member['items'];
  }
  merged['type'] = [...types];
  merged['required'] = [...required];
  return merged;
}

function typesOf(schema: Schema): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  if (Array.isArray(schema['enum'])) return [...new Set((schema['enum'] as unknown[]).map((v) => (v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v)))];
  return [];
}

function isArraySchema(schema: Schema): boolean {
  return typesOf(schema).includes('array') || schema['items'] !== undefined;
}

function scalar(text: string, schema: Schema): unknown {
  const types = typesOf(flatten(schema));
  if (types.length === 0 || types.includes('string')) return text;
  if (types.includes('boolean') && /^(1|0|true|false)$/.test(text)) return text === '1' || text === 'true';
  if ((types.includes('integer') || types.includes('number')) && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

function arrayOf(elements: XmlElement[], schema: Schema): unknown[] {
  const items = record(flatten(schema)['items']);
  return elements.map((element) => convert(element, items));
}

function convert(element: XmlElement, schemaIn: Schema): unknown {
  const schema = flatten(schemaIn);
  if (isArraySchema(schema)) return arrayOf(element.children, schema);
  const properties = record(schema['properties']);
  const objectLike = typesOf(schema).includes('object') || Object.keys(properties).length > 0;
  if (!objectLike && element.children.length === 0 && element.attributes.size === 1 && element.attributes.has('id')) {
    return scalar(element.attributes.get('id') ?? '', schema);
  }
  const result: Record<string, unknown> = {};
  for (const [name, text] of element.attributes) result[name] = scalar(text, record(properties[name]));
  const byName = new Map<string, XmlElement[]>();
  for (const child of element.children) byName.set(child.name, [...(byName.get(child.name) ?? []), child]);
  for (const [name, children] of byName) {
    const childSchema = record(properties[name]);
    if (/^[A-Z]/.test(name) && isArraySchema(flatten(childSchema))) result[name] = arrayOf(children, childSchema);
    else if (children.length === 1 && children[0] !== undefined) result[name] = convert(children[0], childSchema);
    else result[name] = children.map((child) => convert(child, childSchema));
  }
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  for (const name of required) {
    if (!(name in result) && typesOf(flatten(record(properties[name]))).includes('null')) result[name] = null;
  }
  return result;
}

/** The JSON shape of an XML answer under `schema` (a root element that names the schema's property is wrapped in it). */
export function xmlToJsonShape(root: XmlElement, schemaIn: Schema): unknown {
  const schema = flatten(schemaIn);
  const properties = record(schema['properties']);
  if (!isArraySchema(schema) && root.name in properties) return { [root.name]: convert(root, record(properties[root.name])) };
  return convert(root, schema);
}
