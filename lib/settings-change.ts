/**
 * A change to the settings as data: extension pages send one (`settings:change`) and the background applies
 * it to the stored settings inside its one write transaction, so two parts changing different settings at
 * once never lose each other's change (a page that read, changed and wrote back the whole settings could).
 */
import * as v from 'valibot';
import { isEntityId } from './kb/entity-id';
import {
  type HighlightStyle,
  type Settings,
  type SightingsMode,
  withSitePaused,
  withWatched,
} from './settings';

const STYLES = ['background', 'underline'] as const satisfies readonly HighlightStyle[];
const MODES = ['watched', 'all', 'off'] as const satisfies readonly SightingsMode[];

/** The shape of every change; the background checks it like any other message field. */
export const SettingsChangeSchema = v.variant('op', [
  /** Plain switches and choices, any of them at once. */
  v.object({
    op: v.literal('set'),
    values: v.partial(
      v.object({
        pausedEverywhere: v.boolean(),
        style: v.picklist(STYLES),
        showUncertain: v.boolean(),
        sightings: v.picklist(MODES),
        keepQuery: v.boolean(),
      }),
    ),
  }),
  v.object({ op: v.literal('pause-site'), host: v.pipe(v.string(), v.maxLength(300)), paused: v.boolean() }),
  v.object({
    op: v.literal('watch'),
    id: v.pipe(
      v.string(),
      v.check((id) => isEntityId(id)),
    ),
    watched: v.boolean(),
  }),
]);

/** One change to the settings. */
export type SettingsChange = v.InferOutput<typeof SettingsChangeSchema>;

/** The settings with `change` applied (what the background runs inside its write transaction). */
export function applySettingsChange(s: Settings, change: SettingsChange): Settings {
  switch (change.op) {
    case 'set': {
      const next = { ...s };
      for (const [key, value] of Object.entries(change.values))
        if (value !== undefined) Object.assign(next, { [key]: value as unknown });
      return next;
    }
    case 'pause-site':
      return change.host ? withSitePaused(s, change.host, change.paused) : s;
    case 'watch':
      return withWatched(s, change.id, change.watched);
  }
}
