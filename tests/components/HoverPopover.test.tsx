// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EntityCard } from '../../components/card/EntityCard';
import { HoverPopover, placeCard } from '../../components/card/HoverPopover';
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
