/**
 * DOM helpers. Every string from the data goes in through `textContent` / text nodes, never as
 * HTML: titles and abstracts are untrusted text.
 */
type Child = Node | string | number | null | undefined | false;

export interface ElementProps {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

/** Creates an element with text-only content. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.title) node.title = props.title;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const [type, handler] of Object.entries(props.on ?? {})) {
    node.addEventListener(type, handler as EventListener);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

/** Removes every child of a node. */
export function clear(node: Element): void {
  node.replaceChildren();
}

/** Returns an element that must exist in index.html. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`viewer: #${id} is missing from index.html`);
  return node as T;
}

/** A link that opens outside the viewer; only http(s) URLs become links. */
export function externalLink(url: string | null, text: string, className?: string): HTMLElement {
  if (url && /^https?:\/\//i.test(url)) {
    return el('a', { class: className, text, attrs: { href: url, target: '_blank', rel: 'noopener noreferrer' } });
  }
  return el('span', { class: className, text });
}
