// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type DashboardPlace, type DashboardTab, TabbedDashboard } from '../../components/dashboard/Tabs';

const tabs: DashboardTab[] = [
  { id: 'a', label: 'Alpha', render: () => <p>alpha view</p> },
  {
    id: 'b',
    label: 'Beta',
    render: (arg, go) => (
      <p>
        beta view {arg ?? 'none'}
        <button type="button" onClick={() => go({ tab: 'a' })}>
          to alpha
        </button>
      </p>
    ),
  },
  { id: 'c', label: 'Gamma', render: () => <p>gamma view</p> },
];

afterEach(cleanup);

describe('TabbedDashboard', () => {
  it('renders only the selected view, starting where it is told (or at the first for an unknown tab)', () => {
    render(<TabbedDashboard tabs={tabs} initial={{ tab: 'b', arg: 'apt31' }} />);
    expect(screen.getByRole('tabpanel').textContent).toContain('beta view apt31');
    expect(screen.queryByText('alpha view')).toBeNull();
    expect(screen.getByRole('tab', { name: 'Beta' }).getAttribute('aria-selected')).toBe('true');
    cleanup();
    render(<TabbedDashboard tabs={tabs} initial={{ tab: 'nope' }} />);
    expect(screen.getByRole('tabpanel').textContent).toBe('alpha view');
  });

  it('switches on click, on arrow keys (wrapping), Home and End, and when a view asks', () => {
    const places: DashboardPlace[] = [];
    render(<TabbedDashboard tabs={tabs} onPlace={(p) => places.push(p)} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Gamma' }));
    expect(screen.getByRole('tabpanel').textContent).toBe('gamma view');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Gamma' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tabpanel').textContent).toBe('alpha view');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Alpha' }));
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Alpha' }), { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'Gamma' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Gamma' }), { key: 'Home' });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Alpha' }), { key: 'End' });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Gamma' }), { key: 'ArrowLeft' });
    fireEvent.click(screen.getByRole('button', { name: 'to alpha' }));
    expect(places.map((p) => p.tab)).toEqual(['c', 'a', 'c', 'a', 'c', 'b', 'a']);
    // Only the selected tab is in the tab order.
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1, -1]);
  });
});
