import type { HighlightStyle } from '../../lib/page/paint';
import type { Settings } from '../../lib/settings';
import type { SettingsChange } from '../../lib/settings-change';
import { S } from './strings';

/** Props: settings as stored (undefined while they load) and a way to change them. */
export interface ControlsProps {
  settings: Settings | undefined;
  /** Host name of the active tab, when its content script told us. */
  site: string | undefined;
  update(change: SettingsChange): void;
  openDashboard(): void;
  kb: { version: string; newestFact: string };
}

/** Pause here or everywhere, the highlight style, the dashboard and the KB's version: the site controls. */
export function Controls({ settings, site, update, openDashboard, kb }: ControlsProps) {
  const s = settings;
  return (
    <section class="controls" aria-label={S.controlsHeading}>
      <label>
        <input
          type="checkbox"
          disabled={!s || !site}
          checked={!!s && !!site && s.pausedSites.includes(site)}
          onChange={(e) =>
            site && update({ op: 'pause-site', host: site, paused: (e.target as HTMLInputElement).checked })
          }
        />
        {site ? S.pauseSite(site) : S.pauseSiteUnknown}
      </label>
      <label>
        <input
          type="checkbox"
          disabled={!s}
          checked={!!s?.pausedEverywhere}
          onChange={(e) =>
            update({ op: 'set', values: { pausedEverywhere: (e.target as HTMLInputElement).checked } })
          }
        />
        {S.pauseEverywhere}
      </label>
      <label title={S.showUncertainHint}>
        <input
          type="checkbox"
          disabled={!s}
          checked={!!s?.showUncertain}
          onChange={(e) =>
            update({ op: 'set', values: { showUncertain: (e.target as HTMLInputElement).checked } })
          }
        />
        {S.showUncertain}
      </label>
      <label>
        {S.styleLabel}{' '}
        <select
          disabled={!s}
          value={s?.style ?? 'background'}
          onChange={(e) =>
            update({ op: 'set', values: { style: (e.target as HTMLSelectElement).value as HighlightStyle } })
          }
        >
          <option value="background">{S.styleBackground}</option>
          <option value="underline">{S.styleUnderline}</option>
        </select>
      </label>
      <div class="controls-foot">
        <button type="button" class="link" onClick={openDashboard}>
          {S.dashboard}
        </button>
        <span class="kb-version">{S.kbVersion(kb.version, kb.newestFact)}</span>
      </div>
    </section>
  );
}
