// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EntityCard } from '../../components/card/EntityCard';
import { HoverPopover, OWN_CARD_HEIGHT, placeCard } from '../../components/card/HoverPopover';
import { anchorOf } from '../../components/card/page-card';
import type { EntityCardData } from '../../lib/kb/card-data';
import type { Actor } from '../../lib/kb/types';

afterEach(cleanup);

const many: Actor = {
  id: 'lazarus-group',
  name: 'Lazarus Group',
  aliases: Array.from({ length: 20 }, (_, i) => ({
    name: `Name ${i + 1}`,
    source: i < 10 ? 'Microsoft' : 'Other',
  })),
  country: 'KP',
  refs: [],
  related: [],
};

describe('alias list', () => {
  it('folds a long list behind "+N more", expandable and back, with a real button', () => {
    render(<EntityCard data={{ kind: 'actor', entity: many, names: {} }} aliasLimit={8} />);
    expect(screen.queryByText(/Name 9\b/)).toBeNull();
    const more = screen.getByRole('button', { name: '+12 more' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(screen.getByText(/Name 20/)).toBeTruthy();
    const fewer = screen.getByRole('button', { name: 'Show fewer' });
    expect(fewer.getAttribute('aria-expanded')).toBe('true');
  });

  it('shows a short list whole, with no button', () => {
    render(
      <EntityCard
        data={{ kind: 'actor', entity: { ...many, aliases: many.aliases.slice(0, 9) }, names: {} }}
        aliasLimit={8}
      />,
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/Name 9/)).toBeTruthy();
  });
});

describe('placeCard', () => {
  const viewport = { width: 1000, height: 800 };
  it('goes below a word with room, and never past the window’s bottom', () => {
    const p = placeCard({ left: 100, top: 100, bottom: 120 }, viewport);
    expect(p).toMatchObject({ left: 100, top: 126, width: 360 });
    expect(p.top! + p.maxHeight).toBeLessThanOrEqual(800);
  });

  it('goes above a word near the bottom, never past the top', () => {
    const p = placeCard({ left: 900, top: 700, bottom: 720 }, viewport);
    expect(p.bottom).toBe(106);
    expect(p.left + p.width).toBeLessThanOrEqual(1000);
    expect(800 - p.bottom! - p.maxHeight).toBeGreaterThanOrEqual(0);
  });

  it('fits a narrow window', () => {
    const p = placeCard({ left: 10, top: 10, bottom: 30 }, { width: 300, height: 500 });
    expect(p.width).toBe(292);
    expect(p.left).toBe(4);
  });
});

describe('HoverPopover', () => {
  it('puts the actions in a footer inside the card’s box, after the scrolling body', () => {
    render(
      <HoverPopover
        anchor={{ left: 10, top: 10, bottom: 30 }}
        data={{ kind: 'actor', entity: many, names: {} }}
        viewport={{ width: 1000, height: 800 }}
        actions={[{ label: 'Save incident', run: () => {} }]}
      />,
    );
    const dialog = screen.getByRole('dialog');
    const footer = dialog.querySelector(':scope > .actions')!;
    expect(footer.previousElementSibling?.className).toBe('popover-body');
    expect(footer.textContent).toBe('Save incident');
  });
});

describe('the card’s box and the reader’s private facts', () => {
  const popover = (data: EntityCardData, incidents: { title: string; href: string }[], pressed: boolean) => {
    const { container, unmount } = render(
      <HoverPopover
        anchor={{ left: 10, top: 10, bottom: 30 }}
        data={data}
        viewport={{ width: 1000, height: 800 }}
        incidents={incidents}
        actions={[
          {
            label: pressed ? '★ Watching' : '☆ Watch',
            altLabel: pressed ? '☆ Watch' : '★ Watching',
            pressed,
            run: () => {},
          },
        ]}
      />,
    );
    const html = container.querySelector('.popover')!.outerHTML;
    unmount();
    return html;
  };
  const plain: EntityCardData = { kind: 'actor', entity: many, names: {} };
  const known: EntityCardData = {
    ...plain,
    ours: {
      own: false,
      aliases: [{ name: 'Our codename', source: 'us' }],
      notes: 'Seen at the ministry',
      links: [],
    },
  };

  it('is the same box with or without saved passages, notes or own names until the reader opens "Yours"', () => {
    const bare = popover(plain, [], false);
    const rich = popover(known, [{ title: 'Ministry breach', href: 'x' }], false);
    expect(rich).toBe(bare);
    expect(rich).not.toContain('Ministry breach');
    expect(rich).not.toContain('Our codename');
  });

  it('shows them when the reader opens "Yours"', () => {
    render(
      <HoverPopover
        anchor={{ left: 10, top: 10, bottom: 30 }}
        data={known}
        viewport={{ width: 1000, height: 800 }}
        incidents={[{ title: 'Ministry breach', href: 'x' }]}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Your notes and saved passages/ }));
    expect(screen.getByText('Ministry breach')).toBeTruthy();
    expect(screen.getByText('Seen at the ministry')).toBeTruthy();
  });

  it('keeps the watch button as wide whichever state it is in', () => {
    const on = popover(plain, [], true);
    const off = popover(plain, [], false);
    const width = (html: string) => {
      const b = new DOMParser().parseFromString(html, 'text/html').querySelector('.actions button')!;
      return [b.textContent, b.getAttribute('data-alt')].sort().join('|');
    };
    expect(width(on)).toBe(width(off));
  });

  it('gives a card about one of the reader’s own entities a fixed height', () => {
    const own: EntityCardData = { ...known, ours: { ...known.ours!, own: true } };
    render(
      <HoverPopover
        anchor={{ left: 10, top: 10, bottom: 30 }}
        data={own}
        viewport={{ width: 1000, height: 800 }}
      />,
    );
    expect(screen.getByRole('dialog').style.height).toBe(`${OWN_CARD_HEIGHT}px`);
  });
});

describe('anchorOf', () => {
  it('spans every line of a name that wraps, so the card covers neither', () => {
    const range = {
      getClientRects: () => [new DOMRect(300, 100, 60, 18), new DOMRect(8, 120, 50, 18)],
      getBoundingClientRect: () => new DOMRect(8, 100, 352, 38),
    } as unknown as Range;
    const a = anchorOf(range)!;
    expect(a).toEqual({ left: 300, top: 100, bottom: 138 });
    const p = placeCard(a, { width: 420, height: 700 });
    expect(p.top).toBeGreaterThanOrEqual(138);
  });
});
