/**
 * The toolbar badge: how many watched entities the tab's page names. Per tab, so it changes with the tab;
 * both browsers reset a tab's badge when it loads another page, and the new page reports again.
 */
import { browser } from 'wxt/browser';

/** The toolbar button's API: `action` in MV3, `browserAction` in Firefox's MV2 build. */
function toolbar() {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}

/** Shows `count` on the tab's toolbar button (nothing for 0). */
export async function setWatchedBadge(tabId: number, count: number): Promise<void> {
  const action = toolbar();
  try {
    await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    if (count > 0) await action.setBadgeBackgroundColor({ tabId, color: '#b0268f' });
  } catch {
    // The tab closed meanwhile.
  }
}
