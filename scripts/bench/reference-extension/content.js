// The floor of any content script that honours a stored "paused" setting: from its first line, ask
// storage, walk every text node once, and stop when storage has answered. No matching, no painting.
performance.mark('reference:start');
const settings = chrome.storage.local.get('settings');
let chars = 0;
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += n.data.length;
settings.then(() => performance.measure('reference:scan', { start: 'reference:start', detail: chars }));
