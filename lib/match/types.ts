/** What the matcher reports for one name found in a text; offsets are JavaScript string indices. */
export interface Mention {
  start: number;
  end: number;
  /** The text as written on the page. */
  text: string;
  kind: 'actor' | 'agency';
  /** KB id of the best candidate. */
  id: string;
  /** Its canonical name. */
  name: string;
  country?: string;
  /** Every KB id the text could mean, best first, when it is ambiguous. */
  candidates?: string[];
  /** 0..1: how sure the matcher is that this is the entity. */
  confidence: number;
  /**
   * Found by one of the reader's own names (lib/overlay): painted only in the private marks layer, never
   * in the page's `CSS.highlights`, so a page cannot learn a team's codenames.
   */
  ours?: true;
}
