/**
 * Context decides, not the page (issue 22): the shapes of real security writing, each in both directions,
 * on the bundled KB. Every sentence is written for these tests in the shape the eval's real text showed (a
 * name as the subject of intrusion work, a vendor naming a group, code that shares a group's name); none is
 * copied from ATT&CK, the peer datasets or the corpus.
 */
import { describe, expect, it } from 'vitest';
import { speaksOfActor, speaksOfCode } from '../../lib/match/context';
import { findMentions } from '../../lib/match/find-mentions';

const actorIds = (text: string) =>
  findMentions(text)
    .filter((m) => m.kind === 'actor')
    .map((m) => m.id);
// Which actor a name resolves to is the KB's identity work (tested there); these tests ask whether it is painted.
const actorNames = (text: string) =>
  findMentions(text)
    .filter((m) => m.kind === 'actor')
    .map((m) => m.text);
const at = (text: string, name: string) =>
  [text, text.indexOf(name), text.indexOf(name) + name.length] as const;

describe('a sentence that speaks of an actor counts on a page of one sentence', () => {
  it.each([
    // Coined names (one invented word) as the subject of intrusion work.
    ['Kimsuky has also lured researchers with fake interview requests.', 'Kimsuky'],
    ['Gamaredon compromised a regional ministry last spring.', 'Gamaredon'],
    // Ordinary-word names: the verb and the field's tools say it.
    ['Play has used Base64-encoded PowerShell to switch off endpoint protection.', 'Play'],
    ['Turla has modified registry keys to hide its payloads.', 'Turla'],
    ['Patchwork encrypted the stolen documents before sending them out.', 'Patchwork'],
    ['During the summer operation, Sidewinder used mshta.exe to run scripts.', 'Sidewinder'],
    // After "used by", "attributed to"; a vendor naming it.
    ['The loader was later used by Turla against embassies in two countries.', 'Turla'],
    ['Analysts attributed the intrusion to Chimera.', 'Chimera'],
    ['The crew, tracked by Microsoft as Pistachio Tempest, sold access.', 'Pistachio Tempest'],
    // A group noun or a definition as an actor.
    ['The Patchwork operators registered lookalike domains.', 'Patchwork'],
    ['Sidewinder is one of the most active groups in South Asia.', 'Sidewinder'],
    ["Turla's custom backdoor can tunnel traffic over HTTP.", 'Turla'],
    // A name with a symbol in it.
    ['The admin@338 crew sent spear-phishing emails to editors.', 'admin@338'],
  ])('%s', (text, name) => expect(actorNames(text)).toContain(name));

  it('the shape is what counts, not the name', () => {
    expect(speaksOfActor(...at('Turla has modified registry keys.', 'Turla'))).toBe(true);
    expect(speaksOfActor(...at('Turla is used in many recipes.', 'Turla'))).toBe(false);
    expect(speaksOfActor(...at('Play was a hit on Broadway.', 'Play'))).toBe(false);
  });
});

describe('the other senses of the same names are not painted, on a security page too', () => {
  const securityPage = ' Ransomware and phishing attacks rose this quarter, researchers said.';
  it.each([
    // Products, stores, banks, events: an object noun after the name, or the name inside a longer name.
    ['The fake apps were listed on the Google Play Store for weeks.'],
    ['Customers of Equation bank lost savings to the scam.'],
    ['The Sidewinder missile test went ahead on Tuesday.'],
    ['The Chimera Linux distribution shipped a fix.'],
    // A passive subject is acted on; a copula describes.
    ['Nickel is used in many batteries and tools.'],
    ['Turla is a river in Ukraine.'],
  ])('%s', (text) => expect(actorIds(text + securityPage)).toEqual([]));
});

describe('code that shares a group’s name is not the group', () => {
  it.each([
    ['Carbanak is a modular remote access Trojan sold on forums.', 'Carbanak'],
    ['Investigators installed the Winnti malware in a lab to study it.', 'Winnti'],
    ['Akira ransomware has placed a ransom note in every folder.', 'Akira'],
    ['The attackers used BlackByte ransomware to encrypt the servers.', 'BlackByte'],
  ])('%s', (text, name) => {
    expect(speaksOfCode(...at(text, name))).toBe(true);
    expect(findMentions(text).some((m) => m.text === name)).toBe(false);
  });

  it.each([
    // The group's own code as the subject, and a gang noun after the family's name, stay the group.
    ['Lazarus Group malware can wipe disks.', 'Lazarus Group'],
    ['The Play ransomware gang leaked the city’s files.', 'Play'],
    ['The Akira ransomware operators claimed the attack.', 'Akira'],
  ])('%s', (text, name) => expect(actorNames(text)).toContain(name));

  it('a campaign named after a group is not the group', () => {
    expect(actorIds('During the APT28 Nearest Neighbor Campaign, the actors abused Wi-Fi.')).not.toContain(
      'apt28',
    );
  });
});

describe('acronyms a page defines', () => {
  it('an acronym spelled from a found name means that actor on that page', () => {
    const text = 'The crew known as Scattered Spider (SS) phished help desks. SS then stole data.';
    const ss = findMentions(text).filter((m) => m.text === 'SS');
    expect(ss.map((m) => m.id)).toEqual(['scattered-spider', 'scattered-spider']);
    expect(findMentions('SS then stole data.')).toEqual([]);
  });

  it('parentheses that do not spell the name define nothing', () => {
    expect(
      findMentions('Volt Typhoon (CN) hid in routers. CN is a label.').filter((m) => m.text === 'CN'),
    ).toEqual([]);
  });
});

describe('agencies in security news', () => {
  const news = ' The ransomware gang encrypted hospital systems.';
  it.each([
    ['The FBI seized the domains on Monday.', 'us-fbi'],
    ['According to the FBI, the crew stole $2 million.', 'us-fbi'],
    ["CISA's catalog now lists the bug.", 'us-cisa'],
  ])('%s', (text, id) => expect(findMentions(text + news).map((m) => m.id)).toContain(id));

  it('a US state names the country of a federal department', () => {
    const m = findMentions('The Department of Homeland Security warned hospitals in Ohio about the gang.');
    expect(m[0]?.id).toBe('us-dhs');
  });

  it('an international body’s acronym off a security page stays a region label', () => {
    expect(findMentions('The EU release of the game slipped to March.')).toEqual([]);
  });
});

describe('an acronym after a clock time is a time zone', () => {
  it('is not painted as the body that shares its letters', () => {
    const text = 'The breach began at 3 a.m. CST on Monday, and the hackers stole credentials.';
    expect(findMentions(text).filter((m) => m.kind === 'agency')).toEqual([]);
  });
});

describe('a retired vendor name that is also a product', () => {
  it('is the product where the product is discussed, even on a security page', () => {
    expect(actorNames('The Chromium team fixed the bug in the browser after a phishing report.')).toEqual([]);
  });
  it('is the group with an actor noun or where it acts', () => {
    expect(actorNames('Hafnium hackers exploited mail servers.')).toEqual(['Hafnium']);
    expect(actorNames('Microsoft said the Nickel group targeted ministries with malware.')).toEqual([
      'Nickel',
    ]);
  });
});
