/**
 * Campaigns are not actors. A campaign is one operation ("Operation Wocao", "Night Dragon", ATT&CK's
 * C-ids); painting it as a group would tell the reader a group of that name exists. Records that are
 * campaigns are dropped as actors, campaign names are taken off actors' names, and each campaign is kept
 * on the card of the group ATT&CK attributes it to, as a related name the matcher never reads.
 */
import { addName, type Draft } from './drafts';
import { compact } from './identity';
import { fold, slug } from './text';
import { groupId, type MitreCampaign, type MitreGroup } from './upstream';

type Review = (line: string) => void;

/** Vendors name operations "Operation X" (also "OperationX", "Op X"): a campaign's name, not a group's. */
const OPERATION = /^(?:Operation(?:\s|(?=\p{Lu}))|Op\.?\s)/u;

/** Active ATT&CK campaigns by compacted name and alias. */
function campaignIndex(campaigns: MitreCampaign[]): Map<string, MitreCampaign> {
  const out = new Map<string, MitreCampaign>();
  for (const c of campaigns) {
    if (c.revoked || c.x_mitre_deprecated || /^C\d{4}$/.test(c.name)) continue;
    for (const n of [c.name, ...(c.aliases ?? [])]) out.set(compact(n), c);
  }
  return out;
}

/**
 * Separates campaigns from actors; returns the drafts that remain actors. A record called by a campaign's
 * name that also carries a group's name stays an actor under that name (ATT&CK's, for a G-id: "Operation
 * C-Major" is Transparent Tribe; else its first other name: "Operation Emmental" is the Retefe Gang).
 */
export function separateCampaigns(
  drafts: Draft[],
  campaigns: MitreCampaign[],
  groups: MitreGroup[],
  review: Review,
): Draft[] {
  const index = campaignIndex(campaigns);
  const isCampaign = (name: string) => OPERATION.test(name) || index.has(compact(name));
  const byStix = new Map(groups.map((g) => [g.id, g]));
  const byGid = new Map(drafts.filter((d) => d.attackId).map((d) => [d.attackId!, d]));
  const gone = new Set<Draft>();
  for (const d of drafts) {
    if (!isCampaign(d.name)) continue;
    // A record filed under its operation's name but carrying a group's names is that group.
    const g = d.attackId ? groups.find((x) => groupId(x) === d.attackId) : undefined;
    const other = g?.name ?? [...d.names.values()].map((e) => e.spellings[0]!).find((n) => !isCampaign(n));
    if (!other) {
      gone.add(d);
      review(`campaign: ${d.name} (${d.key}) is a campaign, not an actor`);
      continue;
    }
    review(`campaign: ${d.name} is a campaign's name; the actor is called ${other}`);
    d.campaigns.add(d.name);
    d.formerIds.push(slug(d.name));
    addName(d, other);
    d.names.delete(fold(d.name));
    d.name = other;
  }
  for (const d of drafts) {
    if (gone.has(d)) continue;
    for (const [key, entry] of [...d.names]) {
      if (key === fold(d.name) || !isCampaign(entry.spellings[0]!)) continue;
      d.names.delete(key);
      d.campaigns.add(entry.spellings[0]!);
    }
  }
  for (const c of new Set(index.values())) {
    for (const ref of c.attributedTo) {
      const g = byStix.get(ref);
      const d = g && byGid.get(groupId(g));
      if (d) d.campaigns.add(c.name);
    }
  }
  return drafts.filter((d) => !gone.has(d));
}
