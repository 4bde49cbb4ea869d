// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportSummary } from '../../components/dashboard/ImportSummary';

afterEach(cleanup);

describe('ImportSummary', () => {
  it('says which names the file’s own KB adds and to what, the common words marked, not only a count', () => {
    render(
      <ImportSummary
        fileName="backup.json"
        report={{
          ok: true,
          applied: false,
          add: 1,
          update: 0,
          unchanged: 0,
          older: 0,
          invalid: [],
          overlay: {
            add: 1,
            update: 1,
            unchanged: 0,
            names: [
              { name: 'UNC-ACME-7', to: 'UNC-ACME-7', risk: 'distinctive' },
              { name: 'Knight', to: 'APT31', risk: 'generic' },
            ],
          },
        }}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    const summary = screen.getByRole('region', { name: 'Import summary' }).textContent ?? '';
    expect(summary).toContain('Your KB: 1 new, 1 updated, 0 kept as stored');
    const names = screen.getByRole('region', { name: 'Names it adds' });
    expect([...names.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Knight → APT31 ⚠ common word: needs context',
      'UNC-ACME-7 → UNC-ACME-7',
    ]);
  });
});
