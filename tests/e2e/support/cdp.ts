import type { Page } from 'playwright-core';

interface CdpNode {
  nodeId: number;
  nodeName: string;
  nodeType: number;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

function textOf(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeName === 'STYLE') return '';
  return [...(node.shadowRoots ?? []), ...(node.children ?? [])].map(textOf).join('');
}

function find(node: CdpNode, name: string): CdpNode | undefined {
  if (node.nodeName.toLowerCase() === name) return node;
  for (const c of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const f = find(c, name);
    if (f) return f;
  }
  return undefined;
}

/** Text inside an element's (closed) shadow root, read through the DevTools protocol as a user can't script it. */
export async function shadowText(page: Page, hostTag: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = find(root, hostTag);
    return host ? textOf(host) : '';
  } finally {
    await cdp.detach();
  }
}

/**
 * Where the button labelled `label` is inside an element's closed shadow root (through the DevTools
 * protocol), and whether it is enabled; undefined when there is no such button.
 */
export async function shadowButton(
  page: Page,
  hostTag: string,
  label: string,
): Promise<{ x: number; y: number; enabled: boolean } | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const shadow = find(root, hostTag)?.shadowRoots?.[0];
    if (!shadow) return undefined;
    const { object } = (await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId })) as {
      object: { objectId: string };
    };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function (label) {
        const b = [...this.querySelectorAll("button")].find((x) => x.textContent === label);
        if (!b) return null;
        const r = b.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, enabled: !b.disabled };
      }`,
      arguments: [{ value: label }],
      returnByValue: true,
    })) as { result: { value: { x: number; y: number; enabled: boolean } | null } };
    return result.value ?? undefined;
  } finally {
    await cdp.detach();
  }
}

/** Runs `fn(shadowRoot, arg)` on an element's closed shadow root (through the DevTools protocol). */
export async function shadowEval<A, R>(
  page: Page,
  hostTag: string,
  fn: (root: ShadowRoot, arg: A) => R,
  arg: A,
): Promise<R | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const shadow = find(root, hostTag)?.shadowRoots?.[0];
    if (!shadow) return undefined;
    const { object } = (await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId })) as {
      object: { objectId: string };
    };
    const { result, exceptionDetails } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value: R }; exceptionDetails?: { text: string } };
    if (exceptionDetails) throw new Error(`shadowEval failed: ${exceptionDetails.text}`);
    return result.value;
  } finally {
    await cdp.detach();
  }
}
