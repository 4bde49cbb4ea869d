import type { OverlayEntity, OverlayExtension } from '../../lib/overlay/model';

export const T0 = '2026-12-01T00:00:00.000Z';

/** An overlay actor with sensible defaults. */
export function ownActor(patch: Partial<OverlayEntity> = {}): OverlayEntity {
  return {
    id: 'ours-unc-acme-7',
    kind: 'actor',
    name: 'UNC-ACME-7',
    aliases: [
      { name: 'Rusty Kettle', source: 'ours' },
      { name: 'Storm-9999', source: 'Microsoft' },
    ],
    notes: '',
    links: [],
    createdAt: T0,
    updatedAt: T0,
    ...patch,
  };
}

/** Extra names for a bundled entity. */
export function extension(patch: Partial<OverlayExtension> = {}): OverlayExtension {
  return {
    extends: 'apt31',
    aliases: [{ name: 'Kettle Crew', source: 'ours' }],
    notes: '',
    links: [],
    createdAt: T0,
    updatedAt: T0,
    ...patch,
  };
}
