/**
 * What an empty dashboard says: the three ways to save a first incident, and importing a file, so a new
 * reader is never left with a blank list and no idea where incidents come from.
 */
export function EmptyState({ onImport }: { onImport(): void }) {
  return (
    <section class="empty-state" aria-labelledby="empty-heading">
      <h2 id="empty-heading">No incidents yet</h2>
      <p>
        An incident is a passage you save from an article. To save your first one, select the passage, then:
      </p>
      <ul>
        <li>
          right-click it and choose <strong>Save as incident</strong>, or
        </li>
        <li>
          press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>, or
        </li>
        <li>
          hover a highlighted actor or agency and press <strong>Save incident</strong> on its card.
        </li>
      </ul>
      <p>
        Already have incidents from another browser or a colleague?{' '}
        <button type="button" onClick={onImport}>
          Import a file
        </button>{' '}
        (an APT Lens JSON export).
      </p>
    </section>
  );
}
