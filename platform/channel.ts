/**
 * The extension pages' change notices: the background posts on a named BroadcastChannel after a store
 * changed, and a view listens while it is open.
 */

/** Calls `onChange` on every notice on channel `name` until the returned function closes it. */
export function listen(name: string, onChange: () => void): () => void {
  const channel = new BroadcastChannel(name);
  channel.onmessage = onChange;
  return () => channel.close();
}
