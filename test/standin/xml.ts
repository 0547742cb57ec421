// Plex answers XML when the client does not ask for JSON. This renders the stand-in's JSON bodies
// the way Plex shapes its XML: scalars become attributes (booleans as 1/0), objects become child
// elements, lower-case arrays get a wrapper element with singular children (plex.tv v2 style:
// <connections><connection/></connections>), capitalised arrays repeat the element (PMS style:
// <Connection/><Connection/>).
import { type JsonValue, isJsonObject } from './json';

export function toXmlDocument(root: string, value: JsonValue): string {
  // `{errors: [...]}` under root "errors", or `{MediaContainer: {...}}` under "MediaContainer".
  const unwrapped = isJsonObject(value) && Object.keys(value).length === 1 && root in value ? value[root] : value;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, unwrapped)}\n`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: JsonValue): string {
  if (Array.isArray(value)) {
    const children = value.map((item) => element(singular(name), item)).join('');
    return `<${name} size="${value.length}">${children}</${name}>`;
  }
  if (!isJsonObject(value)) {
    return value === null ? `<${name}/>` : `<${name} id="${escapeXml(scalar(value))}"/>`;
  }
  const attributes: string[] = [];
  const children: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (child === null) continue;
    if (Array.isArray(child) && /^[A-Z]/.test(key)) {
      children.push(...child.map((item) => element(key, item)));
    } else if (Array.isArray(child) || isJsonObject(child)) {
      children.push(element(key, child));
    } else {
      attributes.push(` ${key}="${escapeXml(scalar(child))}"`);
    }
  }
  const open = `<${name}${attributes.join('')}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
}

function scalar(value: boolean | number | string): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (name.endsWith('s')) return name.slice(0, -1);
  return 'item';
}
