/**
 * Who coined each alias, from the strongest evidence to the weakest: a curated credit in data/credits.json,
 * a vendor an upstream record states, the vendor's naming scheme (vendors.ts), then what ATT&CK's citations
 * for that alias show. Anything else stays uncredited rather than guessed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from './text';
import { groupId, type MitreGroup } from './upstream';
import { vendorByScheme } from './vendors';

/** Names no scheme or upstream credits, grouped by who coined them. */
export interface CuratedCredit {
  /** The coiner: a vendor, a government, or "Self-named" for a group's own brand (hacktivists, ransomware). */
  source: string;
  names: string[];
  /** Only for this actor id; otherwise for every actor that carries the name. */
  actor?: string;
  legacy?: boolean;
  /** Where the coinage is stated, when one page covers the group of names. */
  ref?: string;
}

/** data/credits.json. */
export interface CreditData {
  credits: CuratedCredit[];
  /**
   * Names whose scheme or ATT&CK citation points at someone who did not coin them (a report that lists
   * other vendors' names); they stay uncredited unless `credits` says who coined them.
   */
  notCredited: { name: string; reason: string }[];
}

/** Loads data/credits.json. */
export function readCredits(dir: string): CreditData {
  return JSON.parse(readFileSync(join(dir, 'credits.json'), 'utf8')) as CreditData;
}

/** Report hosts (after unwrapping web.archive.org) → the vendor that publishes there. */
const HOSTS: [RegExp, string][] = [
  [/(?:^|\.)(?:securelist\.com|kaspersky(?:contenthub)?\.com)$/, 'Kaspersky'],
  [/(?:^|\.)welivesecurity\.com$|(?:^|\.)eset\.com$/, 'ESET'],
  [/(?:^|\.)(?:symantec\.com|security\.com|broadcom\.com)$/, 'Symantec'],
  [/(?:^|\.)crowdstrike\.com$/, 'CrowdStrike'],
  [/(?:^|\.)(?:fireeye\.com|mandiant\.com)$/, 'Mandiant'],
  [/(?:^|\.)secureworks\.com$/, 'Secureworks'],
  [/(?:^|\.)proofpoint\.com$/, 'Proofpoint'],
  [/(?:^|\.)trendmicro\.com$/, 'Trend Micro'],
  [/(?:^|\.)paloaltonetworks\.com$|^pan-unit42\.github\.io$/, 'Palo Alto Networks'],
  [/(?:^|\.)talosintelligence\.com$|^blogs\.cisco\.com$/, 'Cisco Talos'],
  [/(?:^|\.)(?:clearskysec\.com)$/, 'ClearSky'],
  [/(?:^|\.)research\.nccgroup\.com$|(?:^|\.)fox-it\.com$/, 'NCC Group'],
  [/(?:^|\.)checkpoint\.com$/, 'Check Point'],
  [/(?:^|\.)recordedfuture\.com$/, 'Recorded Future'],
  [/(?:^|\.)cybereason\.com$/, 'Cybereason'],
  [/(?:^|\.)volexity\.com$/, 'Volexity'],
  [/(?:^|\.)anomali\.com$|(?:^|\.)threatstream\.com$/, 'Anomali'],
  [/^securityintelligence\.com$|(?:^|\.)ibm\.com$/, 'IBM X-Force'],
  [/(?:^|\.)malwarebytes\.com$/, 'Malwarebytes'],
  [/(?:^|\.)dragos\.com$/, 'Dragos'],
  [/(?:^|\.)pwc\.(?:com|co\.uk)$|^pwc\.blogs\.com$/, 'PwC'],
  [/(?:^|\.)accenture\.com$/, 'Accenture'],
  [/(?:^|\.)huntandhackett\.com$/, 'Hunt & Hackett'],
  [/(?:^|\.)rsa\.com$/, 'RSA'],
  [/(?:^|\.)forcepoint\.com$/, 'Forcepoint'],
  [/(?:^|\.)f-secure\.com$/, 'F-Secure'],
  [/(?:^|\.)ptsecurity\.com$/, 'Positive Technologies'],
  [/(?:^|\.)sentinelone\.com$/, 'SentinelOne'],
  [/(?:^|\.)sygnia\.co$/, 'Sygnia'],
  [/^threatconnect\.com$/, 'ThreatConnect'],
  [/(?:^|\.)blackberry\.com$|^threatvector\.cylance\.com$/, 'BlackBerry'],
  [/(?:^|\.)lookout\.com$/, 'Lookout'],
  [/^citizenlab\.(?:ca|org)$/, 'Citizen Lab'],
  [/(?:^|\.)bitdefender\.com$/, 'Bitdefender'],
  [/^blog\.google$/, 'Google TAG'],
  [/(?:^|\.)microsoft\.com$/, 'Microsoft'],
];

function vendorOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const inner = /^https?:\/\/web\.archive\.org\/web\/\d+\w*\/(https?:\/\/.+)$/.exec(url)?.[1] ?? url;
  const host = /^https?:\/\/([^/:]+)/.exec(inner)?.[1]?.toLowerCase();
  if (!host) return undefined;
  // Google's threat-intelligence blog is Mandiant's; blog.google is the Threat Analysis Group's.
  if (/^cloud\.google\.com$/.test(host) && inner.includes('/threat-intelligence')) return 'Mandiant';
  if (host === 'services.google.com') return 'Mandiant';
  return HOSTS.find(([re]) => re.test(host))?.[1];
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const squash = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * ATT&CK lists each alias with the reports that use it. The vendor is credited when exactly one vendor's
 * cited report has the alias in its title, or when the alias cites a single report and a vendor wrote it.
 * Returns G-id → folded alias → vendor.
 */
export function creditsFromAttack(groups: MitreGroup[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const g of groups) {
    if (g.revoked || g.x_mitre_deprecated) continue;
    const refs = new Map(g.external_references.map((r) => [r.source_name, r]));
    const credits = new Map<string, string>();
    for (const alias of g.aliases ?? []) {
      const cites = [...(refs.get(alias)?.description ?? '').matchAll(/\(Citation: ([^)]+)\)/g)].map(
        (m) => m[1]!,
      );
      const cited = [...new Set(cites)].map((c) => ({
        vendor: vendorOfUrl(refs.get(c)?.url),
        title: refs.get(c)?.description ?? '',
      }));
      const key = squash(alias);
      const titled = new Set(
        cited
          .filter((c) => c.vendor && key.length >= 4 && squash(c.title).includes(key))
          .map((c) => c.vendor!),
      );
      const vendor =
        titled.size === 1
          ? [...titled][0]
          : titled.size === 0 && cited.length === 1
            ? cited[0]!.vendor
            : undefined;
      if (vendor) credits.set(fold(alias), vendor);
    }
    out.set(groupId(g), credits);
  }
  return out;
}

/**
 * A vendor whose report URL names the alias ("…/threat-profiles/cobalt-gypsy", "…/winnti-more-than-a-game"):
 * credited when exactly one known vendor's reference does. Short names are skipped, they hit by chance.
 */
export function vendorFromRefs(alias: string, refs: string[]): string | undefined {
  const key = squash(alias);
  if (key.length < 5) return undefined;
  const hits = new Set<string>();
  for (const r of refs) {
    const vendor = vendorOfUrl(r);
    const path = r.replace(/^https?:\/\/[^/]+/, '');
    if (vendor && squash(safeDecode(path)).includes(key)) hits.add(vendor);
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}

/** Everything the alias credit needs besides the draft itself. */
export interface CreditSources {
  data: CreditData;
  /** Vendors credited from upstream records that the cards show under another name. */
  attack: Map<string, Map<string, string>>;
}

/** The credit for one alias of one actor; `stated` is the vendor an upstream record gave. */
export function creditFor(
  src: CreditSources,
  actorId: string,
  attackId: string | undefined,
  refs: string[],
  spellings: string[],
  stated: { source?: string; legacy?: boolean },
): { source?: string; legacy?: boolean } {
  const key = fold(spellings[0]!);
  const has = (c: CuratedCredit) => c.names.some((n) => fold(n) === key);
  const curated =
    src.data.credits.find((c) => c.actor === actorId && has(c)) ??
    src.data.credits.find((c) => !c.actor && has(c));
  if (curated) return { source: curated.source, ...(curated.legacy ? { legacy: true } : {}) };
  if (stated.source) return stated;
  if (src.data.notCredited.some((n) => fold(n.name) === key)) return { legacy: stated.legacy };
  const scheme = spellings.map((s) => vendorByScheme(s)).find(Boolean);
  if (scheme) return { source: scheme.source, ...(scheme.legacy || stated.legacy ? { legacy: true } : {}) };
  const cited =
    (attackId ? src.attack.get(attackId)?.get(key) : undefined) ?? vendorFromRefs(spellings[0]!, refs);
  return cited ? { source: cited, ...(stated.legacy ? { legacy: true } : {}) } : stated;
}
