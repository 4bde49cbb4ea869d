/**
 * The capture form runs in an extension page framed into the reader's page (`capture.html`), so what the
 * reader types, selects, copies or pastes there happens in the extension's own document: no key, input,
 * selection or clipboard event reaches the page's scripts. The content script hands the frame the form's
 * starting data and a port; the page can reach the frame's window (`window.frames`) and post to it too, so
 * the frame takes only the first message that carries the secret the content script put in its address.
 */

/** What the content script posts to the frame once it has loaded. */
export interface CaptureHello<T> {
  kind: 'apt-lens:capture';
  secret: string;
  initial: T;
}

/** What the frame tells the content script over the port. */
export type CaptureNote = 'saved' | 'close';

/** A secret for one opening of the form (122 random bits). */
export function newSecret(random: { randomUUID(): string }): string {
  return random.randomUUID();
}

/** The frame's address for one opening: the secret rides in the fragment, which no request carries. */
export function frameUrl(base: string, secret: string): string {
  return `${base}#${secret}`;
}

/**
 * The frame's check of a posted message: it must carry this opening's secret and a port, and its starting
 * data must be an object; anything else (the page's own posts) is ignored.
 */
export function acceptHello<T>(
  data: unknown,
  ports: readonly MessagePort[],
  secret: string,
): { initial: T; port: MessagePort } | undefined {
  if (!secret || typeof data !== 'object' || data === null) return undefined;
  const hello = data as Partial<CaptureHello<T>>;
  if (hello.kind !== 'apt-lens:capture' || hello.secret !== secret) return undefined;
  if (typeof hello.initial !== 'object' || hello.initial === null || ports.length !== 1) return undefined;
  return { initial: hello.initial, port: ports[0]! };
}

/** The content script's reading of the frame's word (the port is ours, but stay strict). */
export function readNote(data: unknown): CaptureNote | undefined {
  return data === 'saved' || data === 'close' ? data : undefined;
}
