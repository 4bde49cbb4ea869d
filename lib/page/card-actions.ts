/**
 * The buttons under a name's card: save the name's sentence as an incident (where the page has the capture
 * form), star or unstar the entity, and "not this one on this site". The card draws them (components/card);
 * what they do is the page's, with the settings writes handed in (the background takes the site from the
 * sender, so a page can change only its own).
 */

import { isWatched, type Settings } from '../settings';
import type { Capture } from './capture';
import type { PaintedMention } from './paint';

/** One button, as the card draws it (`CardAction` in components/card). */
export interface PageCardAction {
  label: string;
  altLabel?: string;
  pressed?: boolean;
  run: () => void;
}

/** What the actions act on. */
export interface CardActionDeps {
  /** The capture form, where this frame has one (the top frame). */
  capture: Capture | undefined;
  /** The settings as last read (whether the entity is watched). */
  settings(): Settings | undefined;
  /** Stars or unstars; answers the page's new view of the settings. */
  setWatched(id: string, watched: boolean): Promise<Settings>;
  notOnThisSite(id: string): Promise<unknown>;
  /** The new settings after a star, and the card drawn again with them. */
  applied(next: Settings): void;
  /** Closes the card (the form takes its place). */
  closeCard(): void;
}

/** The card's buttons for a mention. */
export function cardActions(deps: CardActionDeps, { mention, range }: PaintedMention): PageCardAction[] {
  const { id, name, kind } = mention;
  const now = deps.settings();
  const watched = !!now && isWatched(now, id);
  const save = deps.capture;
  return [
    ...(save
      ? [
          {
            label: 'Save incident',
            // The passage is the sentence the name stands in; the card makes way for the form.
            run: () => {
              save.open([{ id, name, kind }], range);
              deps.closeCard();
            },
          },
        ]
      : []),
    {
      label: watched ? '★ Watching' : '☆ Watch',
      altLabel: watched ? '☆ Watch' : '★ Watching',
      pressed: watched,
      run: () => void deps.setWatched(id, !watched).then(deps.applied, () => undefined),
    },
    { label: `Not this ${kind} on this site`, run: () => void deps.notOnThisSite(id).catch(() => undefined) },
  ];
}
