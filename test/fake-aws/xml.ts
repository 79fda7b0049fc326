const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** `<tag>value</tag>` with the value escaped, or nothing when the value is absent. */
export function textElement(tag: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/** `<tag>…</tag>` around markup that is already XML. */
export function element(tag: string, ...children: string[]): string {
  return `<${tag}>${children.join('')}</${tag}>`;
}

/** The EC2 query protocol wraps every list member in `<item>`. */
export function itemList(tag: string, items: readonly string[]): string {
  return element(tag, ...items.map((item) => element('item', item)));
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
