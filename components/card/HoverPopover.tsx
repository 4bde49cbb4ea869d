import type { EntityCardData } from '../../lib/messages';
import { EntityCard } from './EntityCard';

/** Where to put the card: next to the word, never over it, inside the viewport. */
export interface Anchor {
  left: number;
  top: number;
  bottom: number;
}

/** Props of the floating card layer. */
export interface HoverPopoverProps {
  anchor: Anchor | null;
  data: EntityCardData | null;
  seenAs?: string;
  viewport: { width: number; height: number };
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
}

const CARD_WIDTH = 360;
const ROOM_BELOW = 240;

/** The hover card, positioned below the word (or above it when the viewport has no room below). */
export function HoverPopover({
  anchor,
  data,
  seenAs,
  viewport,
  onPointerEnter,
  onPointerLeave,
}: HoverPopoverProps) {
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
      class="popover"
      style={{ ...style, overflow: 'auto' }}
      role="dialog"
      aria-live="polite"
      onMouseEnter={onPointerEnter}
      onMouseLeave={onPointerLeave}
    >
      <EntityCard data={data} seenAs={seenAs} />
    </div>
  );
}
