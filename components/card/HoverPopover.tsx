import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntityCardData } from '../../lib/kb/card-data';
import { EntityCard, Ours } from './EntityCard';

/** Where to put the card: next to the word, never over it, inside the viewport. */
export interface Anchor {
  left: number;
  top: number;
  bottom: number;
}

/** A button under the card ("Not this actor on this site", "Save incident"). */
export interface CardAction {
  label: string;
  /** For a toggle (watch): whether it is on, read out as a pressed button. */
  pressed?: boolean;
  /** A toggle's label in its other state: the button is as wide as the wider of the two, whichever is on. */
  altLabel?: string;
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
/** Space kept between the card and the word, and between the card and the window's edges. */
const GAP = 6;
const EDGE = 4;
/** A long alias list folds after this many names on the page's card. */
const ALIAS_LIMIT = 8;
/** The height of a card about one of the reader's own entities: all of it is private, so none of it sizes the box. */
export const OWN_CARD_HEIGHT = 280;

/** Where the card goes: below the word (above when there is more room there), wholly inside the window. */
export function placeCard(anchor: Anchor, viewport: { width: number; height: number }) {
  const width = Math.max(0, Math.min(CARD_WIDTH, viewport.width - 2 * EDGE));
  const left = Math.max(EDGE, Math.min(anchor.left, viewport.width - width - EDGE));
  // A word scrolled partly out of view still gets a card inside the window.
  const top = Math.max(0, Math.min(anchor.top, viewport.height));
  const bottom = Math.max(0, Math.min(anchor.bottom, viewport.height));
  const roomBelow = viewport.height - bottom - GAP - EDGE;
  const roomAbove = top - GAP - EDGE;
  const below = roomBelow >= ROOM_BELOW || roomBelow >= roomAbove;
  return below
    ? { left, width, top: bottom + GAP, maxHeight: Math.max(0, roomBelow) }
    : { left, width, bottom: viewport.height - top + GAP, maxHeight: Math.max(0, roomAbove) };
}

/**
 * What only the reader knows about the entity (the passages they saved that name it, their notes and names
 * from their own KB), behind a disclosure that is there on every card, whatever it holds: the page can
 * measure the card's box (`elementFromPoint` over a grid), so nothing private may size it. Opening it scrolls
 * inside the card, whose box `lock` keeps as it was.
 */
function Yours({
  data,
  incidents,
  lock,
}: {
  data: EntityCardData;
  incidents: IncidentLink[];
  lock: () => void;
}) {
  const [open, setOpen] = useState(false);
  const ours = data.ours && !data.ours.own ? data : undefined;
  return (
    <section class="yours">
      <button
        type="button"
        class="yours-toggle"
        aria-expanded={open}
        onClick={() => {
          if (!open) lock();
          setOpen(!open);
        }}
      >
        {open ? '▾' : '▸'} Your notes and saved passages
      </button>
      {open && (
        <div class="yours-body">
          {ours && <Ours data={ours} />}
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
          {!ours && incidents.length === 0 && <p class="none">Nothing saved or noted about it yet.</p>}
        </div>
      )}
    </section>
  );
}

/**
 * The hover card, positioned by placeCard. It is one box: the card's content scrolls inside it and the
 * actions sit in a footer that is always in view, however long the card. Its size depends only on what the
 * page could know: the entity's public card, the word's place and the window (see `Yours`).
 */
export function HoverPopover(props: HoverPopoverProps) {
  const { anchor, data, seenAs, viewport, actions = [], incidents = [], focus } = props;
  const box = useRef<HTMLDivElement>(null);
  const [locked, setLocked] = useState<{ key: string; height: number }>();
  useEffect(() => {
    if (focus && anchor) box.current?.focus();
  }, [focus, anchor]);
  if (!anchor) return <div role="status" aria-live="polite" class="sr-only" />;
  const place = placeCard(anchor, viewport);
  const own = !!data?.ours?.own;
  // A lock set on another entity's card does not hold.
  const key = data?.entity.id ?? '';
  const height =
    locked?.key === key
      ? Math.min(locked.height, place.maxHeight)
      : own
        ? Math.min(OWN_CARD_HEIGHT, place.maxHeight)
        : undefined;
  const px = (n: number | undefined) => (n === undefined ? undefined : `${n}px`);
  const style = {
    left: px(place.left),
    width: px(place.width),
    top: px(place.top),
    bottom: px(place.bottom),
    maxHeight: px(place.maxHeight),
    height: px(height),
  };
  return (
    <div
      ref={box}
      class="popover"
      style={style}
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
      <div class="popover-body">
        <EntityCard
          key={data?.entity.id}
          data={data}
          seenAs={seenAs}
          alsoOnPage={props.alsoOnPage}
          candidates={props.candidates}
          aliasLimit={ALIAS_LIMIT}
          showOurs={false}
        />
        {data && (
          <Yours
            key={key}
            data={data}
            incidents={incidents}
            lock={() => {
              const h = box.current?.offsetHeight;
              if (h) setLocked({ key, height: h });
            }}
          />
        )}
      </div>
      {data && actions.length > 0 && (
        <div class="actions">
          {actions.map((a) => (
            <button
              key={a.label}
              type="button"
              aria-pressed={a.pressed}
              data-alt={a.altLabel}
              disabled={props.actionsReady === false}
              onClick={a.run}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
