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

/** Clicks the button labelled `label` inside an element's closed shadow root (through the DevTools protocol). */
export async function clickShadowButton(page: Page, hostTag: string, label: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const shadow = find(root, hostTag)?.shadowRoots?.[0];
    if (!shadow) return false;
    const { object } = (await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId })) as {
      object: { objectId: string };
    };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration:
        'function (label) { const b = [...this.querySelectorAll("button")].find((x) => x.textContent === label); b?.click(); return !!b; }',
      arguments: [{ value: label }],
      returnByValue: true,
    })) as { result: { value: boolean } };
    return result.value;
  } finally {
    await cdp.detach();
  }
}
