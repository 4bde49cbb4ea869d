/** A W3C Web Annotation TextQuoteSelector: finds the saved passage again on the page. */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** A saved passage about a cyber incident, tagged by the reader. */
export interface Incident {
  id: string;
  createdAt: string;
  updatedAt: string;
  title: string;
  url: string;
  /** The page's host name, indexed for the site filter. */
  site: string;
  pageTitle: string;
  quote: TextQuoteSelector;
  actorIds: string[];
  agencyIds: string[];
  tags: string[];
  notes: string;
  occurredAt?: string;
  attribution?: { claimant: string; confidence: string };
}
