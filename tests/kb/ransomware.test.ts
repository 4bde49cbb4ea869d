import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKb } from '../../lib/kb';
import { findMentions } from '../../lib/match/find-mentions';
import { gangNames, readGangs } from '../../scripts/kb/ransomware';

const data = readGangs(join(import.meta.dirname, '..', '..', 'data'), 'ransomware.json');
const kb = loadKb();

/** The actor each gang became: the one that carries the gang's own name as its own (not shared) name. */
function actorOf(name: string) {
  return kb.actors.filter((a) => a.aliases.some((al) => al.name === name));
}

describe('ransomware gangs (data/ransomware.json)', () => {
  it('lists 50 gangs, each with its public source', () => {
    expect(data.gangs).toHaveLength(50);
    expect(data.list).toMatch(/cisa\.gov/);
    for (const g of data.gangs) expect(g.source.length, g.name).toBeGreaterThan(10);
  });

  it('puts each gang in the KB once, with every one of its names', () => {
    for (const g of data.gangs) {
      const owners = actorOf(g.name);
      const own = g.id ? owners.filter((a) => a.id === g.id) : owners;
      expect(own, g.name).toHaveLength(1);
      const names = new Set(own[0]!.aliases.map((a) => a.name.toLowerCase()));
      for (const n of gangNames(g))
        expect(names.has(n.name.toLowerCase()), `${g.name}: ${n.name}`).toBe(true);
    }
  });

  it('finds each gang by every one of its names in a sentence about ransomware', () => {
    const missed: string[] = [];
    for (const g of data.gangs) {
      const owners = actorOf(g.name);
      const id = (g.id ? owners.find((a) => a.id === g.id) : owners[0])!.id;
      for (const { name } of gangNames(g)) {
        const text = `The ${name} ransomware gang encrypted the hospital's servers and threatened to leak stolen patient data unless a ransom was paid.`;
        const at = text.indexOf(name);
        const found = findMentions(text).find((m) => m.start === at && m.end === at + name.length);
        if (!found || (found.id !== id && !found.candidates?.includes(id)))
          missed.push(`${g.name}: ${name} → ${found?.id ?? 'nothing'}`);
      }
    }
    expect(missed).toEqual([]);
  });
});

describe('hacktivist, extortion and cybercrime groups (data/groups.json)', () => {
  const groups = readGangs(join(import.meta.dirname, '..', '..', 'data'), 'groups.json');

  it('finds each group by every one of its names in a sentence about a cyberattack', () => {
    const missed: string[] = [];
    for (const g of groups.gangs) {
      const owners = actorOf(g.name);
      expect(owners, g.name).toHaveLength(1);
      for (const { name } of gangNames(g)) {
        const text = `The ${name} hacking group claimed responsibility for the cyberattack and leaked the stolen data.`;
        const at = text.indexOf(name);
        const found = findMentions(text).find((m) => m.start === at && m.end === at + name.length);
        if (found?.id !== owners[0]!.id) missed.push(`${g.name}: ${name} → ${found?.id ?? 'nothing'}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
