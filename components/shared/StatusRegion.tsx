import type { ComponentChildren } from 'preact';

/**
 * A view's error and status line, written once: the error is an alert (read out at once), the status a
 * polite live region that is always in the page, so a screen reader hears each new message of the view.
 */
export function StatusRegion({ error, children }: { error?: string; children?: ComponentChildren }) {
  return (
    <>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div role="status" aria-live="polite" class="status">
        {children}
      </div>
    </>
  );
}
