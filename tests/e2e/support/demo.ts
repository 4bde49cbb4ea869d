/** What the demo page must show: names that get painted, by highlight, and the card checks. */
export const DEMO_EXPECTED = {
  actor: [
    'APT31',
    'Judgment Panda',
    'Violet Typhoon',
    'ZIRCONIUM',
    'Bronze Vinewood',
    'RedBravo',
    'APT28',
    'Fancy Bear',
  ],
  agency: ['Ministry of State Security', 'NÚKIB'],
  /** Words that must never be painted. */
  never: ['nickel', 'patchwork', 'cobalt', 'typhoon'],
};

/** Tint of the actor highlight over the demo's white background (rgba(255,166,0,.38) on #fff). */
export const ACTOR_TINT: [number, number, number] = [255, 221, 158];

/** Tint of the agency highlight over white (rgba(40,140,255,.3) on #fff). */
export const AGENCY_TINT: [number, number, number] = [191, 221, 255];
