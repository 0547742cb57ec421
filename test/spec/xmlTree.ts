// Just enough XML for Plex answers: elements and their attributes, nested. Text content,
// comments, the declaration and doctypes are skipped (Plex puts its data in attributes).
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (match, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? match;
  });
}

export function parseXml(text: string): XmlElement {
  const tokens = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (const match of text.matchAll(tokens)) {
    const [, closing, opening, attributeText, selfClosing] = match;
    if (closing !== undefined) {
      const open = stack.pop();
      if (open?.name !== closing) throw new Error(`XML: </${closing}> does not close <${open?.name ?? 'nothing'}>`);
      continue;
    }
    if (opening === undefined) continue;
    const element: XmlElement = { name: opening, attributes: new Map(), children: [] };
    for (const attribute of (attributeText ?? '').matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      element.attributes.set(attribute[1] ?? '', decode(attribute[2] ?? attribute[3] ?? ''));
    }
    const parent = stack.at(-1);
    if (parent !== undefined) parent.children.push(element);
    else if (root === undefined) root = element;
    else throw new Error('XML: more than one root element');
    if (selfClosing !== '/') stack.push(element);
  }
  if (root === undefined || stack.length > 0) throw new Error('XML: no complete root element');
  return root;
}
