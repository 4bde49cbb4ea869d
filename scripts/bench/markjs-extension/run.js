// The tail of the mark.js extension's content script; bench:page writes content.js as a first line that
// marks 'markjs:start', then mark.js, then `const PATTERN = "…"` (the same names as APT Lens's table), then
// this. The measure ends when mark.js says it is done, as APT Lens's ends when its highlights are set.
new Mark(document.body).markRegExp(new RegExp(PATTERN, 'gi'), {
  done: (marks) => performance.measure('markjs:scan', { start: 'markjs:start', detail: marks }),
});
