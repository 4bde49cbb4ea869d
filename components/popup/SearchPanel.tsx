import { useMemo, useState } from 'preact/hooks';
import type { QuickHit } from '../../lib/kb/quick-search';

/** Props: the search function is injected so the panel is testable without the KB. */
export interface SearchPanelProps {
  search: (query: string) => QuickHit[];
}

/** The popup's search box: any name or alias of an actor or agency. */
export function SearchPanel({ search }: SearchPanelProps) {
  const [query, setQuery] = useState('');
  const hits = useMemo(() => search(query), [search, query]);
  return (
    <section class="search">
      <input
        type="search"
        aria-label="Search actors and agencies"
        placeholder="Search actors and agencies"
        value={query}
        // biome-ignore lint/a11y/noAutofocus: the popup exists to search; focus on open saves a click.
        autoFocus
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      <ul class="results" aria-label="Results">
        {hits.map((h) => (
          <li key={h.id} data-id={h.id}>
            <span class="name">{h.name}</span>
            {h.matched !== h.name && <span class="matched"> ({h.matched})</span>}
            <span class={`kind kind-${h.kind}`}>{h.kind}</span>
          </li>
        ))}
      </ul>
      {query && hits.length === 0 && <p class="empty">No actor or agency is called that.</p>}
    </section>
  );
}
