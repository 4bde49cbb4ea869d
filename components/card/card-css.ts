/** The card's styles, injected into its shadow root (so the page's CSS can't restyle it). */
export const CARD_CSS = `
:host { all: initial; }
.popover { position: fixed; z-index: 2147483647; box-sizing: border-box; display: flex; flex-direction: column;
  font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f; background: #fff; border: 1px solid #c8c8d0;
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); overflow: hidden; }
.popover-body { flex: 1 1 auto; min-height: 0; overflow: auto; overscroll-behavior: contain; }
.popover .card { border: 0; border-radius: 0; box-shadow: none; background: transparent; }
.popover .yours { margin: 0 12px 8px; }
.yours-toggle { font: 12px system-ui, sans-serif; padding: 2px 0; border: 0; background: none; color: inherit; opacity: .8; cursor: pointer; }
.yours-body .incident-links { margin: 4px 0 0; }
.yours-body .none { margin: 4px 0 0; font-size: 12px; opacity: .8; }
.actions button[data-alt]::after { content: attr(data-alt); display: block; height: 0; overflow: hidden; visibility: hidden; }
.card { font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f; background: #fff; border: 1px solid #c8c8d0;
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 10px 12px; }
@media (prefers-color-scheme: dark) {
  .card, .popover { color: #eee; background: #1f2024; border-color: #44464f; }
  .actions button, .more { color: #eee; background: #2c2e35; border-color: #55586a; }
  .card a { color: #8ab4ff; }
}
.card h2 { font-size: 16px; margin: 2px 0 4px; }
.card h3 { font-size: 12px; margin: 8px 0 2px; text-transform: uppercase; letter-spacing: .04em; opacity: .7; }
.kind { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; opacity: .75; }
.kind-actor { color: #b35c00; } .kind-agency { color: #1769c2; }
.ours-mark { display: inline-block; margin-left: 6px; padding: 0 5px; border-radius: 8px; font-size: 10px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; color: #fff; background: rgb(130, 70, 210); vertical-align: 1px; }
.ours-facts .notes { white-space: pre-wrap; }
.ambiguous { margin: 4px 0 0; padding: 4px 6px; border-radius: 4px; background: rgba(190, 80, 255, .15); font-size: 12px; }
.also { margin: 2px 0 0; font-size: 12px; opacity: .85; }
.seen-as { margin: 0; font-size: 12px; opacity: .8; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 6px 0 0; }
.facts dt { font-weight: 600; } .facts dd { margin: 0; }
.popover:focus { outline: 2px solid #1769c2; outline-offset: 2px; border-radius: 9px; }
.actions { flex: none; display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; padding: 8px 12px;
  border-top: 1px solid rgba(128,128,128,.3); }
.actions button { font: 12px system-ui, sans-serif; padding: 3px 8px; border-radius: 5px; border: 1px solid #b8b8c4;
  background: #f4f4f7; color: #1d1d1f; cursor: pointer; }
.incident-links { margin: 8px 0 0; padding: 6px 0 0 16px; border-top: 1px solid rgba(128,128,128,.3); font-size: 12px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.more { font: 12px system-ui, sans-serif; margin: 4px 0 0 16px; padding: 1px 8px; border-radius: 10px;
  border: 1px solid #b8b8c4; background: #f4f4f7; color: #1d1d1f; cursor: pointer; }
.aliases { margin: 0; padding-left: 16px; } .vendor { font-weight: 600; } .legacy { font-style: italic; }
.attributions { margin: 0; padding-left: 16px; font-size: 12px; } .attributions .who { font-weight: 600; }
.attributions .date { white-space: nowrap; }
.more-attributions summary { cursor: pointer; font-size: 12px; opacity: .8; }
`;
