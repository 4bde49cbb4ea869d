// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportApi } from '../../components/popup/PageReport';
import type { PageClient } from '../../components/popup/PageSummary';
import { Popup, type PopupApi, type PopupKb } from '../../components/popup/Popup';
import { S } from '../../components/popup/strings';
import { createPopupKb } from '../../entrypoints/popup/kb';
import type { PageReportSource, PageSummary } from '../../lib/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { applySettingsChange } from '../../lib/settings-change';

let kb: PopupKb | undefined;

const DEMO: PageSummary = {
  status: 'active',
  site: 'news.example',
  entities: [
    { id: 'apt31', kind: 'actor', name: 'APT31', count: 7 },
    { id: 'cz-nukib', kind: 'agency', name: 'National Cyber and Information Security Agency', count: 2 },
    { id: 'apt28', kind: 'actor', name: 'APT28', count: 1 },
  ],
};

function fakePage(over: Partial<PageClient> = {}): PageClient {
  return {
    summary: vi.fn(async () => DEMO),
    reveal: vi.fn(async () => true),
    read: vi.fn(async () => true),
    ...over,
  };
}

const REPORT_SOURCE: PageReportSource = {
  url: 'https://news.example/story',
  title: 'Prague blames APT31',
  entities: [
    { ...DEMO.entities[0]!, sentence: 'The Czech government blamed APT31.' },
    { ...DEMO.entities[1]!, sentence: 'NÚKIB published the details.' },
  ],
};

function fakeReport(over: Partial<ReportApi> = {}): ReportApi {
  return {
    source: vi.fn(async () => REPORT_SOURCE),
    download: vi.fn(async () => 'apt-lens-report-news.example-2026-12-01.stix.json'),
    save: vi.fn(async () => {}),
    today: () => '2026-12-01',
    ...over,
  };
}

/** The popup over the real KB, a fake tab and settings held in memory. */
function setup(page: PageClient = fakePage(), report: ReportApi = fakeReport()) {
  let settings: Settings = DEFAULT_SETTINGS;
  const watchers: ((s: Settings) => void)[] = [];
  const api: PopupApi = {
    loadKb: async () => {
      kb ??= await createPopupKb();
      return kb;
    },
    page,
    report,
    settings: {
      read: async () => settings,
      update: async (change) => {
        settings = applySettingsChange(settings, change);
        for (const w of watchers) w(settings);
        return settings;
      },
      watch: (fn) => {
        watchers.push(fn);
        return () => {};
      },
    },
    incidents: async () => ({ count: 0, latest: [] }),
    openDashboard: vi.fn(),
    kbVersion: { version: '2026.08.06', newestFact: '2026-08-06' },
  };
  render(<Popup api={api} />);
  return { api, settings: () => settings };
}

const box = () => screen.getByRole('searchbox', { name: S.searchLabel }) as HTMLInputElement;
const typeIn = (text: string) => fireEvent.input(box(), { target: { value: text } });
const options = () => [...document.querySelectorAll<HTMLElement>('.results [role="option"]')];
const key = (k: string) => fireEvent.keyDown(document.activeElement ?? document.body, { key: k });

afterEach(cleanup);

describe('Popup search', () => {
  it('finds an actor by a misspelt alias and shows the alias it matched', async () => {
    setup();
    typeIn('judgement panda');
    await waitFor(() => expect(options()[0]?.textContent).toContain('APT31'));
    expect(options()[0]!.textContent).toContain('as “Judgment Panda”');
  });

  it('says so when nothing matches, and filters by kind', async () => {
    setup();
    typeIn('qqqqqqqqqqqqqq');
    await screen.findByText(S.noResults);
    fireEvent.change(screen.getByLabelText(S.filterKind), { target: { value: 'agency' } });
    typeIn('mss');
    await waitFor(() => expect(options().length).toBeGreaterThan(0));
    for (const o of options()) expect(o.textContent).toContain(S.kindAgency);
  });

  it('keeps the results area in place while typing (one fixed-height container)', async () => {
    setup();
    const area = document.querySelector('.results-area');
    typeIn('apt');
    await waitFor(() => expect(options().length).toBeGreaterThan(0));
    expect(document.querySelector('.results-area')).toBe(area);
  });
});

describe('Popup keyboard', () => {
  it('focuses the box on open; arrows move, Enter opens the card, Escape goes back then clears', async () => {
    setup();
    await waitFor(() => expect(document.activeElement).toBe(box()));
    typeIn('typhoon');
    await waitFor(() => expect(options().length).toBeGreaterThan(2));
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    key('ArrowDown');
    key('ArrowDown');
    await waitFor(() => expect(options()[2]!.getAttribute('aria-selected')).toBe('true'));
    expect(box().getAttribute('aria-activedescendant')).toBe(options()[2]!.id);
    key('ArrowUp');
    await waitFor(() => expect(options()[1]!.getAttribute('aria-selected')).toBe('true'));
    const name = options()[1]!.querySelector('.hit-name')!.textContent!;
    key('Enter');
    const card = await screen.findByRole('article', { name });
    expect(within(card).getByText(S.incidentsNone)).toBeTruthy();
    expect(document.activeElement?.textContent).toContain(S.back);
    key('Escape');
    await waitFor(() => expect(box().value).toBe('typhoon'));
    await waitFor(() => expect(document.activeElement).toBe(box()));
    key('Escape');
    await waitFor(() => expect(box().value).toBe(''));
  });

  it('opens APT31 with its aliases by vendor and its sponsor', async () => {
    setup();
    typeIn('apt 31');
    await waitFor(() => expect(options()[0]?.textContent).toContain('APT31'));
    key('Enter');
    const card = await screen.findByRole('article', { name: 'APT31' });
    expect(card.textContent).toContain('Violet Typhoon');
    expect(card.textContent).toContain('CrowdStrike');
    expect(card.textContent).toContain('Ministry of State Security');
  });
});

describe('Popup page summary', () => {
  it('groups the page’s entities by kind in order of first appearance, with counts; a click reveals', async () => {
    const page = fakePage();
    setup(page);
    const actors = await screen.findByRole('heading', { name: S.pageActors });
    const lists = document.querySelectorAll('.page-list');
    expect(actors.nextElementSibling).toBe(lists[0]!);
    expect([...lists[0]!.querySelectorAll('.page-entity')].map((b) => b.textContent)).toEqual([
      'APT317',
      'APT281',
    ]);
    expect(screen.getByRole('heading', { name: S.pageAgencies })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /APT28/ }));
    expect(page.reveal).toHaveBeenCalledWith('apt28');
    expect(screen.getByLabelText(S.pauseSite('news.example'))).toBeTruthy();
  });

  it('says when the page is paused, and pausing the site stores it and asks the page again', async () => {
    let paused = false;
    const page = fakePage({
      summary: vi.fn(async () => ({ ...DEMO, status: paused ? 'paused' : 'active' }) as const),
    });
    const { settings } = setup(page);
    const pause = await screen.findByLabelText(S.pauseSite('news.example'));
    paused = true;
    fireEvent.click(pause);
    await waitFor(() => expect(settings().pausedSites).toEqual(['news.example']));
    await screen.findByText(S.pagePaused, {}, { timeout: 2000 });
  });

  it('offers to read a page no content script answers on, and says when the browser refuses', async () => {
    let injected = false;
    const page = fakePage({
      summary: vi.fn(async () => (injected ? DEMO : undefined)),
      read: vi.fn(async () => {
        injected = true;
        return true;
      }),
    });
    setup(page);
    await screen.findByText(S.pageNotRead);
    fireEvent.click(screen.getByRole('button', { name: S.pageRead }));
    await screen.findByRole('heading', { name: S.pageActors });
    cleanup();
    setup(fakePage({ summary: vi.fn(async () => undefined), read: vi.fn(async () => false) }));
    fireEvent.click(await screen.findByRole('button', { name: S.pageRead }));
    await screen.findByText(S.pageCannot);
  });
});

describe('Popup controls', () => {
  it('pauses everywhere, shows uncertain names, switches the highlight style, opens the dashboard and shows the KB version', async () => {
    const { api, settings } = setup();
    const everywhere = await screen.findByLabelText(S.pauseEverywhere);
    await waitFor(() => expect((everywhere as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(everywhere);
    await waitFor(() => expect(settings().pausedEverywhere).toBe(true));
    expect(settings().showUncertain).toBe(false);
    fireEvent.click(screen.getByLabelText(S.showUncertain));
    await waitFor(() => expect(settings().showUncertain).toBe(true));
    fireEvent.change(screen.getByLabelText(S.styleLabel), { target: { value: 'underline' } });
    await waitFor(() => expect(settings().style).toBe('underline'));
    fireEvent.click(screen.getByRole('button', { name: S.dashboard }));
    expect(api.openDashboard).toHaveBeenCalled();
    expect(screen.getByText(S.kbVersion('2026.08.06', '2026-08-06'))).toBeTruthy();
  });
});

describe('Popup ranking and announcing', () => {
  it('tells two agencies of one name apart by country, the one the page names first', async () => {
    setup(
      fakePage({
        summary: vi.fn(async () => ({
          ...DEMO,
          entities: [{ id: 'kp-mss', kind: 'agency' as const, name: 'Ministry of State Security', count: 1 }],
        })),
      }),
    );
    await screen.findByText('Ministry of State Security');
    typeIn('ministry of state security');
    await waitFor(() => expect(options().length).toBeGreaterThan(1));
    expect(options()[0]!.getAttribute('data-id')).toBe('kp-mss');
    expect(options()[0]!.querySelector('.hit-country')!.textContent).toBe('North Korea');
    expect(options()[1]!.querySelector('.hit-country')!.textContent).toBe('China');
  });

  it('announces the active result, and a still pointer never moves it', async () => {
    setup();
    typeIn('fancy bare');
    await waitFor(() => expect(options()[0]?.getAttribute('data-id')).toBe('apt28'));
    const status = () => document.querySelector('.search [role="status"]')!.textContent!;
    expect(status()).toContain('APT28, as “Fancy Bear”');
    expect(status()).toContain('Result 1 of');
    // The list appearing under a resting pointer: the browser's mousemove has no new coordinates.
    fireEvent.mouseMove(options()[1]!, { clientX: 10, clientY: 50 });
    fireEvent.mouseMove(options()[1]!, { clientX: 10, clientY: 50 });
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    key('ArrowDown');
    await waitFor(() => expect(options()[1]!.getAttribute('aria-selected')).toBe('true'));
    expect(status()).toContain('Result 2 of');
    // Typing again starts over at the first result.
    typeIn('fancy bear');
    await waitFor(() => expect(options()[0]!.getAttribute('aria-selected')).toBe('true'));
    expect(box().getAttribute('aria-activedescendant')).toBe('hit-apt28');
  });
});

describe('Popup page report', () => {
  const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

  it('shows the page’s entities with their sentences, and downloads what the reader kept', async () => {
    const report = fakeReport();
    setup(fakePage(), report);
    fireEvent.click(await screen.findByRole('button', { name: S.pageReport }));
    await screen.findByText('The Czech government blamed APT31.');
    expect(field(S.reportName).value).toBe('Prague blames APT31');
    expect(field(S.reportPublished).value).toBe('2026-12-01');
    // The address the report will write is shown, as the page gave it (cleaned there).
    expect(screen.getByTitle(S.reportAddressHint).textContent).toBe(
      `${S.reportAddress}: https://news.example/story`,
    );
    fireEvent.input(field(S.reportNote), { target: { value: 'Worth a look.' } });
    fireEvent.input(field(S.reportLabels), { target: { value: 'espionage, czechia' } });
    // The reader drops the agency.
    fireEvent.click(document.querySelector<HTMLInputElement>('[data-id="cz-nukib"] input')!);
    expect(screen.getByText(S.reportEntities(1, 2))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: S.reportDownload }));
    await screen.findByText(S.reportDownloaded('apt-lens-report-news.example-2026-12-01.stix.json'));
    expect(report.download).toHaveBeenCalledWith({
      source: { ...REPORT_SOURCE, entities: [REPORT_SOURCE.entities[0]] },
      name: 'Prague blames APT31',
      note: 'Worth a look.',
      labels: ['espionage', 'czechia'],
      published: '2026-12-01',
    });
  });

  it('saves the report as an incident, and says why when the background refuses', async () => {
    let fail = false;
    const save = vi.fn(async () => {
      if (fail) throw new Error('Storage is full. Nothing was saved.');
    });
    setup(fakePage(), fakeReport({ save }));
    fireEvent.click(await screen.findByRole('button', { name: S.pageReport }));
    await screen.findByText('NÚKIB published the details.');
    fireEvent.click(screen.getByRole('button', { name: S.reportSave }));
    await screen.findByText(S.reportSaved('Prague blames APT31'), { exact: false });
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({
        url: REPORT_SOURCE.url,
        actorIds: ['apt31'],
        agencyIds: ['cz-nukib'],
        occurredAt: '2026-12-01',
      }),
    );
    fail = true;
    fireEvent.click(screen.getByRole('button', { name: S.reportSave }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      S.reportFailed('Storage is full. Nothing was saved.'),
    );
  });

  it('says so when the page gives no report, and Escape goes back to the page summary', async () => {
    setup(fakePage(), fakeReport({ source: async () => undefined }));
    fireEvent.click(await screen.findByRole('button', { name: S.pageReport }));
    expect((await screen.findByRole('alert')).textContent).toBe(S.reportNoSource);
    key('Escape');
    await screen.findByRole('button', { name: S.pageReport });
  });

  it('is not offered on a page that names nothing', async () => {
    setup(fakePage({ summary: async () => ({ ...DEMO, entities: [] }) }));
    await screen.findByText(S.pageEmpty);
    expect(screen.queryByRole('button', { name: S.pageReport })).toBeNull();
  });
});

describe('Popup watchlist', () => {
  it('stars from the detail view and from a result, and lists watched names first on the page', async () => {
    const { settings } = setup();
    // Watched entities get their own group, first.
    await waitFor(() => expect(document.querySelectorAll('.page h3').length).toBeGreaterThan(0));
    typeIn('apt31');
    await waitFor(() => expect(options()[0]?.textContent).toContain('APT31'));
    fireEvent.click(screen.getByRole('button', { name: 'Watch APT31' }));
    await waitFor(() => expect(settings().watchlist).toEqual(['apt31']));
    // The star's click does not open the result.
    expect(document.querySelector('.detail')).toBeNull();
    expect(screen.getByRole('button', { name: 'Stop watching APT31' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    fireEvent.click(options()[0]!);
    const toggle = await screen.findByRole('button', { name: S.watching });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    await waitFor(() => expect(settings().watchlist).toEqual([]));
    fireEvent.click(await screen.findByRole('button', { name: S.watch }));
    await waitFor(() => expect(settings().watchlist).toEqual(['apt31']));
    key('Escape');
    typeIn('');
    await waitFor(() =>
      expect([...document.querySelectorAll('.page h3')].map((h) => h.textContent)).toEqual([
        S.pageWatched,
        S.pageActors,
        S.pageAgencies,
      ]),
    );
    const watchedGroup = document.querySelector('.page h3')!.nextElementSibling!;
    expect(watchedGroup.textContent).toContain('APT31');
  });
});
