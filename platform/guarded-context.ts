/**
 * A content-script context that the page cannot stop. WXT's own context stops itself when a document
 * event named "…wxt:content-script-started" arrives from another script, and any page can dispatch that
 * event (its name holds only the extension id, which the started message used to post to every window).
 * Here a newer run of this script stops an older one through the isolated world's global, which page
 * scripts cannot reach; the document event only makes an old script check whether its extension is gone
 * (an orphan after an update or reload), which is the one case where stopping is right.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/** Where the live run of this script keeps its context, on the content script's own global. */
const LIVE = '__aptLensLiveContext';

/** The document event WXT dispatches when a content script starts (the name WXT's context listens for). */
function startedEventName(name: string): string {
  return `${browser.runtime.id}:${name}:wxt:content-script-started`;
}

/** The content script's context: stopped by a newer run of the script or by its extension going away. */
export class GuardedContext extends ContentScriptContext {
  constructor(name: string) {
    super(name, { noScriptStartedPostMessage: true });
  }

  /** Stops the previous run in this isolated world, if any, and becomes the live one. */
  override stopOldScripts(): void {
    const own = globalThis as { [LIVE]?: ContentScriptContext };
    own[LIVE]?.notifyInvalidated();
    own[LIVE] = this;
  }

  /** A started event, forged or not, only prompts the orphan check (`isInvalid` stops an orphan). */
  override listenForNewerScripts(): void {
    const check = () => void this.isInvalid;
    document.addEventListener(startedEventName(this.name), check, { signal: this.signal });
  }

  private get name(): string {
    return (this as unknown as { contentScriptName: string }).contentScriptName;
  }
}
