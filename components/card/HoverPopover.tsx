import { useEffect, useRef } from 'preact/hooks';
import type { EntityCardData } from '../../lib/kb/card-data';
import { EntityCard } from './EntityCard';

/** Where to put the card: next to the word, never over it, inside the viewport. */
export interface Anchor {
  left: number;
  top: number;
  bottom: number;
}

/** A button under the card ("Not this actor on this site", "Save incident"). */
export interface CardAction {
  label: string;
  /** Gets the click, so the caller can check it is the reader's (`isTrusted`). */
  run: (e: MouseEvent) => void;
}

/** A saved incident whose passage holds the word: the card links to it. */
export interface IncidentLink {
  title: string;
  href: string;
}

/** Props of the floating card layer. */
export interface HoverPopoverProps {
  anchor: Anchor | null;
  data: EntityCardData | null;
  seenAs?: string;
  viewport: { width: number; height: number };
  actions?: CardAction[];
  /** False while the buttons must not respond (the card just appeared, or something covers it). */
  actionsReady?: boolean;
  incidents?: IncidentLink[];
  /** Other names of the entity on this page. */
  alsoOnPage?: string[];
  /** Other entities an ambiguous name could mean. */
  candidates?: { id: string; name: string; country?: string }[];
  /** Move keyboard focus into the card (it was opened from the keyboard). */
  focus?: boolean;
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  onClose?: () => void;
}

const CARD_WIDTH = 360;
const ROOM_BELOW = 240;

/** The hover card, positioned below the word (or above it when the viewport has no room below). */
export function HoverPopover(props: HoverPopoverProps) {
  const { anchor, data, seenAs, viewport, actions = [], incidents = [], focus } = props;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus && anchor) box.current?.focus();
  }, [focus, anchor]);
  if (!anchor) return <div role="status" aria-live="polite" class="sr-only" />;
  const left = Math.max(4, Math.min(anchor.left, viewport.width - CARD_WIDTH - 4));
  const below = viewport.height - anchor.bottom >= ROOM_BELOW || anchor.top < viewport.height - anchor.bottom;
  const style = below
    ? {
        left: `${left}px`,
        top: `${anchor.bottom + 6}px`,
        maxHeight: `${viewport.height - anchor.bottom - 12}px`,
      }
    : {
        left: `${left}px`,
        bottom: `${viewport.height - anchor.top + 6}px`,
        maxHeight: `${anchor.top - 12}px`,
      };
  return (
    <div
      ref={box}
      class="popover"
      style={{ ...style, overflow: 'auto' }}
      role="dialog"
      aria-live="polite"
      aria-label={data ? `About ${data.entity.name}` : 'APT Lens'}
      tabIndex={-1}
      onMouseEnter={props.onPointerEnter}
      onMouseLeave={props.onPointerLeave}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onClose?.();
      }}
    >
      <EntityCard data={data} seenAs={seenAs} alsoOnPage={props.alsoOnPage} candidates={props.candidates} />
      {incidents.length > 0 && (
        <ul class="incident-links" aria-label="Saved incidents">
          {incidents.map((i) => (
            <li key={i.href}>
              Saved in{' '}
              <a href={i.href} target="_blank" rel="noreferrer">
                {i.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      {data && actions.length > 0 && (
        <div class="actions">
          {actions.map((a) => (
            <button key={a.label} type="button" disabled={props.actionsReady === false} onClick={a.run}>
              {a.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
