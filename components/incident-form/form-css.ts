/** The capture form's styles, rendered inside the content script's closed shadow root. */
export const FORM_CSS = `
.capture { position: fixed; z-index: 2147483647; top: 16px; right: 16px; width: 380px; max-height: calc(100vh - 32px);
  display: flex; flex-direction: column; overflow: hidden; font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f;
  background: #fff; border: 1px solid #c8c8d0; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.25);
  box-sizing: border-box; }
/* The fields scroll; the buttons below them never leave the window (like the card's footer). */
.capture-body { flex: 1 1 auto; min-height: 0; overflow: auto; overscroll-behavior: contain; padding: 12px 14px 8px; }
.capture > .done { padding: 12px 14px 0; }
@media (prefers-color-scheme: dark) { .capture { color: #eee; background: #1f2024; border-color: #44464f; } }
.capture h2 { font-size: 15px; margin: 0 0 8px; }
.capture label, .capture h3 { display: block; font-size: 13px; font-weight: 600; margin: 8px 0 2px; }
.capture input, .capture textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 4px 6px;
  border: 1px solid #b8b8c4; border-radius: 5px; background: inherit; color: inherit; }
.capture blockquote { margin: 0; padding: 4px 8px; border-left: 3px solid #b35c00; max-height: 120px; overflow: auto;
  white-space: pre-wrap; overflow-wrap: anywhere; }
/* Quotes wrap at spaces; only a word longer than the line (a URL) is broken. */
.capture .meta { font-size: 12px; opacity: .8; overflow-wrap: anywhere; word-break: normal; margin: 4px 0 0; }
.capture .claimant-is { margin: 4px 0 0; }
.capture .claimant-is .chip { cursor: default; }
.capture .chip.country { background: #eef2fb; border-color: #8da2c8; }
.capture .chips { display: flex; flex-wrap: wrap; gap: 4px; margin: 2px 0; padding: 0; list-style: none; }
.capture .chip { font: 12px system-ui, sans-serif; padding: 2px 8px; border-radius: 12px; border: 1px solid #b8b8c4;
  background: #f4f4f7; color: #1d1d1f; cursor: pointer; }
.capture .chip[aria-pressed="true"] { background: #ffe1b0; border-color: #b35c00; }
.capture .chip.agency[aria-pressed="true"] { background: #cfe3ff; border-color: #1769c2; }
.capture .buttons { flex: none; display: flex; gap: 8px; justify-content: flex-end; padding: 8px 14px 12px;
  border-top: 1px solid #e2e2e8; }
@media (prefers-color-scheme: dark) { .capture .buttons { border-top-color: #44464f; } }
.capture .claims { margin: 2px 0; padding: 0; list-style: none; font-size: 12px; }
.capture .claims li { margin: 2px 0; overflow-wrap: anywhere; }
.capture .claims label { display: inline; font-weight: normal; margin: 0; }
.capture .claims input { width: auto; }
.capture .claim-kind { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; opacity: .75; }
.capture .claimant-is { display: flex; flex-wrap: wrap; gap: 4px; }
.capture .buttons button { font: 13px system-ui, sans-serif; padding: 4px 12px; border-radius: 5px; cursor: pointer;
  border: 1px solid #b8b8c4; background: #f4f4f7; color: #1d1d1f; }
.capture .buttons button[type=submit] { background: #1769c2; border-color: #1769c2; color: #fff; }
.capture .error { color: #b00020; } .capture .done { font-weight: 600; }
`;
