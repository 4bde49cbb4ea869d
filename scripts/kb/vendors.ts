/**
 * Who coined an alias, from the naming schemes vendors publish. Only schemes that no other vendor uses are
 * here; anything else stays without a source rather than a guess.
 */

/** Microsoft's element names (2016–2023), retired for weather names: credited to Microsoft and legacy. */
export const ELEMENTS = new Set(
  (
    'hydrogen helium lithium beryllium boron carbon nitrogen oxygen fluorine neon sodium magnesium aluminium ' +
    'aluminum silicon phosphorus sulfur chlorine argon potassium calcium scandium titanium vanadium chromium ' +
    'manganese iron cobalt nickel copper zinc gallium germanium arsenic selenium bromine krypton rubidium ' +
    'strontium yttrium zirconium niobium molybdenum technetium ruthenium rhodium palladium silver cadmium ' +
    'indium tin antimony tellurium iodine xenon caesium cesium barium lanthanum cerium praseodymium neodymium ' +
    'promethium samarium europium gadolinium terbium dysprosium holmium erbium thulium ytterbium lutetium ' +
    'hafnium tantalum tungsten rhenium osmium iridium platinum gold mercury thallium lead bismuth polonium ' +
    'astatine radon francium radium actinium thorium protactinium uranium neptunium plutonium americium curium ' +
    'berkelium californium einsteinium fermium mendelevium nobelium lawrencium rutherfordium dubnium seaborgium ' +
    'bohrium hassium meitnerium darmstadtium roentgenium copernicium nihonium flerovium moscovium livermorium ' +
    'tennessine oganesson'
  ).split(' '),
);

const MS_WEATHER = 'Typhoon|Blizzard|Sandstorm|Sleet|Tempest|Rain|Hail|Dust|Flood|Tsunami|Cyclone';
const CS_ANIMALS =
  'Panda|Bear|Kitten|Chollima|Spider|Jackal|Tiger|Buffalo|Leopard|Ocelot|Crane|Sphinx|Saiga|Hawk|Lynx';
const SW_METALS = 'BRONZE|IRON|COBALT|GOLD|NICKEL|TUNGSTEN|ALUMINUM|COPPER|PLATINUM|ZINC|TIN';
const U42_SIGNS = 'Ursa|Taurus|Serpens|Pisces|Libra|Scorpius|Aquarius|Draco|Lupus|Orion';
const RF_COLOURS = 'Red|Blue|Green|Purple|Yellow|Orange|Gr[ae]y|White|Black';
const NATO =
  'Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf|Hotel|India|Juliett?|Kilo|Lima|Mike|November|Oscar|Papa|' +
  'Quebec|Romeo|Sierra|Tango|Uniform|Victor|Whiskey|Xray|Yankee|Zulu';

/** PwC's colour + mythological-being names (Red Apollo, Blue Athena, Yellow Garuda), and its interim Red Dev NN. */
const PWC_COLOURS = 'Red|Blue|Yellow|Black|Orange|Green|White|Purple|Grey|Teal|Pink';
/**
 * Second words that make a colour name someone else's or no scheme at all: Kaspersky's White Bear and Blue
 * Termite, Symantec's Black Vine, Red Canary's Blue Mockingbird, self-chosen Black Shadow, AhnLab's Red Eyes.
 */
const NOT_PWC =
  'Shadow|Mockingbird|Vine|Eyes|Wolf|Fox|Bear|Cube|Termite|Technology|Company|Hat|Team|Group|Dragon|Lotus';
/** Dragos names industrial-control threat groups after minerals; a finite, published list. */
export const DRAGOS_MINERALS = new Set(
  (
    'allanite bauxite bentonite chernovite chrysene covellite dymalloy electrum erythrite gananite hexane ' +
    'kamacite kostovite laurionite magnallium parisite petrovite raspite stibnite vanadinite voltzite wassonite xenotime'
  ).split(' '),
);

/** Pattern → vendor, tried in order (APT-C- before APT##). */
const RULES: [RegExp, string][] = [
  [/^APT-C-\d+$/, 'Qihoo 360'],
  [new RegExp(`^\\p{Lu}\\p{Ll}+ (?:${MS_WEATHER})$`, 'u'), 'Microsoft'],
  [/^(?:Storm|DEV)-\d{3,4}$/i, 'Microsoft'],
  [new RegExp(`^\\p{Lu}[\\p{L}-]+ (?:${CS_ANIMALS})$`, 'iu'), 'CrowdStrike'],
  [new RegExp(`^(?:${SW_METALS}) [A-Z]+$`), 'Secureworks'],
  [/^(?:TG-\d{4}|Threat Group[- ]\d{3,4})$/, 'Secureworks'],
  [/^TA-?\d{3,4}$/, 'Proofpoint'],
  [/^UNK_\w+$/, 'Proofpoint'],
  [/^(?:APT[ -]?\d{1,3}|UNC\d{2,5}|FIN\d{1,2})$/, 'Mandiant'],
  [/^TEMP\.\w+$/i, 'Mandiant'],
  [/^UAC-\d{4}$/, 'CERT-UA'],
  [new RegExp(`^(?:${RF_COLOURS}) ?(?:${NATO})$`), 'Recorded Future'],
  [/^TAG-\d+$/, 'Recorded Future'],
  [new RegExp(`^\\p{Lu}\\p{Ll}+ (?:${U42_SIGNS})$`, 'u'), 'Palo Alto Networks'],
  [/^(?:CL|TGR)-(?:STA|CRI|UNK)-\d+$/, 'Palo Alto Networks'],
  [/^(?:Earth|Water) \p{Lu}\p{Ll}+$/u, 'Trend Micro'],
  [/^ATK ?\d+$/, 'Thales'],
  [/^(?:ITG\d{2}|Hive\d{4})$/i, 'IBM X-Force'],
  [/^T-APT-\d+$/, 'Tencent'],
  [/^Sector[A-Z]\d{2}(?: Group)?$/, 'NSHC'],
  [/^UAT-?\d{3,5}$/, 'Cisco Talos'],
  [/^SIG\d{1,2}$/, 'NSA (Territorial Dispute)'],
  [/^Actor\d{6}$/, 'NSFOCUS'],
  [/^UTG-Q-\d{3}$/, 'QiAnXin'],
  [/^\p{Lu}\p{Ll}+ Werewolf$/u, 'BI.ZONE'],
  [/^\p{Lu}\p{Ll}+ Likho$/u, 'Kaspersky'],
  // Symantec names groups after insects and worms (Seedworm, Shuckworm, Blackfly, Billbug); iSIGHT's
  // Sandworm and Palo Alto's Bookworm malware are the lookalikes.
  [/^(?!(?:Sandworm|Bookworm)$)\p{Lu}\p{Ll}+(?:worm|fly|bug)$/u, 'Symantec'],
  [/^UTA\d{4}$/, 'Volexity'],
  [/^REF\d{4}$/, 'Elastic'],
  [/^STAC\d{3,5}$/, 'Sophos'],
  [/^Larva-\d{5}$/, 'AhnLab'],
  [/^APT-Q-\d+$/, 'QiAnXin'],
  [/^JINX-\d{4}$/, 'Wiz'],
  [/^\p{Lu}\p{Ll}+ Manticore$/u, 'Check Point'],
  [new RegExp(`^(?:${PWC_COLOURS}) (?:Dev \\d+|(?!(?:${NOT_PWC})$)\\p{Lu}\\p{Ll}+)$`, 'u'), 'PwC'],
];

/** A Microsoft element name as Microsoft wrote it (all caps): "ZIRCONIUM", not "Cobalt". */
export function isElementName(name: string): boolean {
  return name === name.toUpperCase() && ELEMENTS.has(name.toLowerCase());
}

/** The vendor whose naming scheme the alias follows, and whether the scheme is retired. */
export function vendorByScheme(name: string): { source: string; legacy?: boolean } | undefined {
  if (isElementName(name)) return { source: 'Microsoft', legacy: true };
  if (/^DEV-\d{4}$/i.test(name)) return { source: 'Microsoft', legacy: true };
  if (DRAGOS_MINERALS.has(name.toLowerCase())) return { source: 'Dragos' };
  for (const [re, source] of RULES) if (re.test(name)) return { source };
  return undefined;
}
