/** The Insights tab's heading, shared by the view and its loading state (each dashboard tab has an h1). */
export const INSIGHTS_HEADING = 'APT Lens — insights';
