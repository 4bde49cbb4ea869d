/**
 * What the words around a candidate say: cyber context, agency context against other fields' context,
 * sentence starts and headline case (where a capital letter proves nothing), head nouns such as "group".
 * These are the evidence the precision rules weigh; none of them names a particular actor.
 */
import type { WordIndex } from './word-index';

/** Characters each side of a candidate that count as "nearby". */
export const WINDOW = 280;

/** Words that put a text in the security field. */
export const CYBER =
  /\b(?:hack\w*|cyber\w*|espionage|malware|malicious|threat (?:actors?|groups?|intelligence)|APTs?|intrusions?|attribut\w*|ransomware|phishing|spear-?phishing|breach\w*|exploit\w*|backdoors?|spyware|state-(?:sponsored|backed)|infosec|CVE-\d+|zero-days?|implants?|botnets?|command-and-control|compromis\w*|wipers?|DDoS|trojan\w*|credentials?|vulnerabilit\w*|threat researchers?|security researchers?|incident response|infiltrat\w*|exfiltrat\w*|payloads?)\b/i;

/** Words that say an acronym is a government body. */
export const AGENCY =
  /\b(?:intelligence|agenc(?:y|ies)|spy|spies|spying|espionage|security services?|officers?|operatives?|hack\w*|cyber\w*|attribut\w*|advisory|advisories|sanction\w*|indict\w*|Kremlin|Beijing|Moscow|Pyongyang|Tehran|authorities|director|counter-?intelligence|investigat\w*|agents?|arrest\w*|charged|military|defen[cs]e|surveillance|warned|malware|threat actors?|national security)\b/i;

/** Words of the fields where the same acronyms mean other things (finance, law, policy). */
export const OTHER_FIELD =
  /\b(?:bank\w*|financial|finance|capital|liquidity|insurers?|markets?|monetary|regulat\w*|directive|legislation|statute|bill|act|law|laws|compliance|lawmakers|Congress|senate|adviser|advisor|accounting|stability)\b/gi;

/** Nouns that follow a name and belong to it as a description, not as part of it ("the APT31 group"). */
const HEAD_AFTER =
  /^(?:['’]s\s+)?(?:[\s-]+)(?:group|gang|team|crew|APT|actors?|hackers?|hacking|operators?|threat|cluster|campaigns?|intrusion set|linked|affiliated|backed|related|malware|collective)\b/i;

/**
 * Nouns after a generic name that make it a product, a brand or a thing ("the Chromium engine", "Polaris
 * chips", "Play button", "Alibaba shares"): a group is not used as an adjective for objects.
 */
const THING_AFTER =
  /^[ \u00a0]+(?:engine|browser|project|chips?|processors?|graphics|GPUs?|CPUs?|cards?|buttons?|videos?|trailer|shares|stock|batteries|prices|sweaters?|tea|store|app|apps|phones?|cars?|trucks?|drivers?|headquarters|costume|film|movie|game|series|album|song|brand|products?|devices?|console|banks?|stores?|conference|summit|festival|expo|airlines?|hotels?|university|college|school|insurance|studios?|magazine|newspaper|restaurant|mall|power suppl(?:y|ies)|flaw|bug|versions?|releases?|builds?|edition|fork|codebase|source code|\d+(?:\.\d+)*)\b/i;

/** Whether an object noun follows a generic name, making it a product or a brand there. */
export function thingAfter(text: string, end: number): boolean {
  return THING_AFTER.test(text.slice(end, end + 24));
}

/**
 * Capitalized words after an acronym that open a person's name make it a job title ("NSA Ajit Doval", "DA
 * Alvin Bragg"); words of an organisation ("FBI Director …", "NSA Cybersecurity Directorate") do not.
 */
const PERSON_AFTER = /^[ \u00a0]+(\p{Lu}\p{Ll}+)[ \u00a0]+\p{Lu}\p{Ll}+/u;
const ORG_WORD =
  /^(?:Director|Deputy|Chief|Agents?|Secretary|Special|Commissioner|Spokes\w+|General|Cybersecurity|Cyber|Security|Directorate|Division|Office|Headquarters|Cent(?:er|re)|Unit|Command|Officers?|Analysts?|Team|Investigators?|Head|Acting|Former|National|Intelligence|Counter\w*)$/;

/** Whether a person's name follows an acronym, so the acronym is their title, not a body. */
export function personAfter(text: string, end: number): boolean {
  const m = PERSON_AFTER.exec(text.slice(end, end + 40));
  return m !== null && !ORG_WORD.test(m[1]!);
}

/** Words that may follow a name standing alone as a noun: function words and common verbs, or punctuation. */
const ALONE_AFTER =
  /^(?:[\s]*[,.;:!?)\]'"’”]|[ \u00a0]+(?:in|on|at|of|and|or|but|as|by|to|for|from|with|was|is|are|were|has|had|have|said|says|used|uses|hit|hits|targeted|targets|struck|stole|remains?|which|that|who)\b|$)/i;

/** Whether a name stands alone as a noun rather than modifying the noun after it. */
export function standsAlone(text: string, end: number): boolean {
  return ALONE_AFTER.test(text.slice(end, end + 16));
}

/** An apposition after an acronym that describes a body; any other description defines it as something else. */
const APPOSITION = /^,[ \u00a0]+(?:a|an|the)[ \u00a0]+([^,.;()]{3,80})[,.;]/i;
const AGENCY_DESCRIPTION =
  /\b(?:agency|intelligence|service|police|ministry|department|office|cent(?:re|er)|authority|directorate|bureau|unit|command|government|regulator|spy|military)\b/i;

/** Whether ", a cloud industry group," after an acronym says it is not a government body. */
export function appositionSaysOtherwise(text: string, end: number, start = end): boolean {
  // "According to the FBI, the group stole …": the comma closes an opening phrase, not an apposition.
  if (/according to (?:the )?$/i.test(text.slice(Math.max(0, start - 20), start))) return false;
  const m = APPOSITION.exec(text.slice(end, end + 100));
  return m !== null && !AGENCY_DESCRIPTION.test(m[1]!);
}

/** Nouns after an acronym that make it a law, a report or a title rather than a body. */
const NON_AGENCY_HEAD =
  /^(?:['’]s)?\s+(?:directive|act|law|bill|regulation|rules|compliance|legislation|framework|standard|chair\w*|report|ratio|index|adviser|advisor|2\.0)\b/i;

/** How many security-field words appear near a candidate (counting stops at `enough`). */
export function cyberContext(cyber: WordIndex, start: number, end: number, enough = 2): number {
  return Math.min(enough, cyber.count(start - WINDOW, end + WINDOW));
}

/**
 * Whether the words near an acronym make it the agency: agency words must be present and at least as
 * many as the words of finance, law and policy.
 */
export function agencyContextWins(
  agency: WordIndex,
  other: WordIndex,
  start: number,
  end: number,
  nearbyEntities: number,
): boolean {
  const agencyWords = nearbyEntities + agency.count(start - WINDOW, end + WINDOW);
  return agencyWords > 0 && agencyWords >= other.count(start - WINDOW, end + WINDOW);
}

/** An apposition that calls the name a group ("Sandworm, a team inside Unit 74455", "Kimsuky, a group that …"). */
const GROUP_APPOSITION =
  /^,[ \u00a0]+(?:a|an|the)[ \u00a0]+(?:[\p{L}-]+[ \u00a0]+){0,2}(?:group|gang|team|crew|unit|actor|hackers|hacking group|threat actor|APT)\b/iu;

/** Whether a noun that describes a threat group follows ("Nickel hackers", "Lazarus-linked", "X, a group"). */
export function headNounAfter(text: string, end: number): boolean {
  const after = text.slice(end, end + 60);
  return HEAD_AFTER.test(after) || GROUP_APPOSITION.test(after);
}

/** Whether a noun that makes an acronym a law or a title follows ("NIS directive", "NSA adviser"). */
export function nonAgencyHeadAfter(text: string, end: number): boolean {
  return NON_AGENCY_HEAD.test(text.slice(end, end + 30));
}

/** Whether a candidate opens a sentence, a line or a quotation, where capitals are grammar, not names. */
export function isSentenceInitial(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[\s"'“‘(«—–-]/.test(text[i]!) && text[i] !== '\n') i--;
  return i < 0 || /[.!?:\n]/.test(text[i]!);
}

/** Whether the line holding a candidate is in headline case (most words capitalized). */
export function isTitleCaseLine(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  const words = text.slice(lineStart, lineEnd).match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 3 || words.length > 25) return false;
  const capital = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capital / words.length >= 0.75;
}

/**
 * Whether an ordinary-word candidate is only the start of a longer proper name that is not a threat group
 * ("Cobalt Strike", "Lazarus Foundation", "Patchwork Capital").
 */
export function continuesProperName(text: string, end: number): boolean {
  const after = /^[ \u00a0](\p{Lu}\p{L}*)/u.exec(text.slice(end, end + 40));
  return after !== null && !HEAD_AFTER.test(` ${after[1]}`);
}

/**
 * Acronyms the text defines as something else: "Financial Stability Board (FSB)" teaches that FSB is not
 * the Russian service in this text. Returns each acronym with its expansion.
 */
export function acronymDefinitions(text: string): Map<string, string> {
  const defs = new Map<string, string>();
  const paren = /\(([\p{Lu}]{2,6})\)/gu;
  for (let m = paren.exec(text); m; m = paren.exec(text)) {
    const acronym = m[1]!;
    const before = text.slice(Math.max(0, m.index - 120), m.index);
    const words = before.match(/[\p{L}-]+/gu) ?? [];
    const significant: string[] = [];
    for (let i = words.length - 1; i >= 0 && significant.length < acronym.length + 3; i--) {
      significant.unshift(words[i]!);
      const initials = significant
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
      if (initials.toUpperCase() === acronym) {
        defs.set(acronym, significant.join(' '));
        break;
      }
    }
  }
  return defs;
}

/**
 * Words that make a page about security as a whole (stricter than `CYBER`: "Cyber Monday", "life hacks",
 * "breach of contract" and "a compromise" do not count). A page with none of them shows no generic or
 * invented name (Play, Space Pirates, Kimsuky) as a threat group anywhere on it.
 */
export const TOPIC =
  /\b(?:hack(?:er|ers|ing|ed)|cyber-?(?:attacks?|espionage|security|crime|criminals?|threats?|operations?|actors?|weapons?|defen[cs]e|command)|cyberattacks?|cyberespionage|cybersecurity|cybercrim\w*|espionage|malware|ransomware|phish\w*|spear-?phishing|spyware|backdoors?|botnets?|wipers?|implants?|threat (?:actors?|groups?|intelligence)|APTs?|state-(?:sponsored|backed)|zero-days?|CVE-\d{4}-\d+|vulnerabilit(?:y|ies)|infostealers?|DDoS|intrusions?|trojans?|exfiltrat\w*|attributed|attribution)\b/gi;

/** How many topic words make a page about security: one is a signal; a page with none has no cyber story. */
export const TOPIC_WORDS = 1;

/** How many topic words a text has, counting stops at `enough`. */
export function topicWords(text: string, enough = TOPIC_WORDS): number {
  const re = new RegExp(TOPIC.source, 'gi');
  let n = 0;
  while (n < enough && re.exec(text)) n++;
  return n;
}

/**
 * Words that call up a name's other sense in its own sentence: faith and myth ("the story of Lazarus", "a
 * beast in the Book of Job"), fiction and entertainment, nature and science. Near them, a generic name needs
 * more than cyber words: the group's proper name on the page or a group noun after it.
 */
const OTHER_SENSE =
  /\b(?:story|stories|tale|legend\w*|myth\w*|parable|Bible|biblical|Book of|Gospel|scripture|God|gods|goddess|saint|sermon|pastor|priest|beast|monster|character|novel|film|movie|episode|album|band|song|river|planet|constellation|chemical element|metal prices)\b/i;

/** Whether the sentence around [start, end) calls up another sense of a name (see `OTHER_SENSE`). */
export function otherSenseNear(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 100);
  const to = Math.min(text.length, end + 100);
  const before = text.slice(from, start);
  const cut = Math.max(
    before.lastIndexOf('. '),
    before.lastIndexOf('\n'),
    before.lastIndexOf('? '),
    before.lastIndexOf('! '),
  );
  const after = text.slice(end, to);
  const stop = after.search(/[.!?](?:\s|$)|\n/);
  return OTHER_SENSE.test(before.slice(cut + 1)) || OTHER_SENSE.test(stop < 0 ? after : after.slice(0, stop));
}

/** Whether a whole page is about security: a generic or invented name can be a group only on such a page. */
export function isTopical(text: string): boolean {
  return topicWords(text) >= TOPIC_WORDS;
}

/** Hyphenated words that qualify a group rather than make a new word with it ("APT31-linked"). */
const QUALIFIER_AFTER_HYPHEN =
  /^[-‐‑](?:linked|backed|affiliated|related|sponsored|aligned|tied|associated|attributed|operated|led|style|like|type|controlled|connected|run|made|nexus)\b/i;
/** Prefixes a name may take with a hyphen and stay itself ("pro-Kremlin", "anti-NSA"). */
const PREFIX_BEFORE_HYPHEN = /(?:^|[^\p{L}\p{N}])(?:pro|anti|non|ex|post|pre)[-‐‑]$/iu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether the name at [start, end) is only part of a longer token: joined by `_`, `.` or `-` to words that
 * are not its own ("Lexus_night", "Alibaba.com", "Polaris-based", "Acme-IB", "NCSC-FI"). A hyphenated
 * qualifier ("APT31-linked") or prefix ("pro-Kremlin") keeps the name whole.
 */
export function joinedToken(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (before && /[_.@\-‐‑]/.test(before) && WORD_CHAR.test(text[start - 2] ?? '')) {
    if (before === '_' || before === '.' || before === '@') return true;
    if (!PREFIX_BEFORE_HYPHEN.test(text.slice(Math.max(0, start - 6), start))) return true;
  }
  const after = text[end];
  if (after && /[_.@\-‐‑]/.test(after) && WORD_CHAR.test(text[end + 1] ?? '')) {
    if (after === '_' || after === '.' || after === '@') return true;
    if (!QUALIFIER_AFTER_HYPHEN.test(text.slice(end, end + 16))) return true;
  }
  return false;
}

/** Whether the line holding a position is written in capitals (an all-caps headline or label). */
export function isCapitalsLine(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  const letters = text.slice(lineStart, Math.min(lineEnd, lineStart + 400)).replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return letters.length >= 12 && upper / letters.length > 0.8;
}

/** Capitalized words before a name that are grammar or a country, not the start of a longer proper name. */
const NOT_A_NAME_BEFORE =
  /^(?:The|A|An|By|Of|From|And|Or|But|As|At|In|On|For|With|To|Then|While|When|Like|Both|Its|Their|His|Her|Our|Suspected|Alleged|Notorious|Infamous|New|Hacking|Hacker|Ransomware|Threat|Group|Groups|Actor|Actors|Vendor|Security|Cybersecurity|Cyber|Microsoft|CrowdStrike|Mandiant|Google|Kaspersky|ESET|Symantec|Proofpoint|Secureworks|Recorded|Future|Unit|Talos|Cisco|Check|Point)$/;

/**
 * Whether a capitalized word right before a generic name makes it part of a longer proper name ("AMD
 * Polaris", "Jack Lazarus"); a sentence-initial word, a country word or a security term does not.
 */
export function precededByProperName(
  text: string,
  start: number,
  isCountryWord: (w: string) => boolean,
): boolean {
  const m = /(\p{Lu}[\p{L}\p{N}&'’]*)[ \u00a0]$/u.exec(text.slice(Math.max(0, start - 40), start));
  if (!m) return false;
  const word = m[1]!.replace(/['’]s$/, '');
  if (NOT_A_NAME_BEFORE.test(word) || isCountryWord(word)) return false;
  // A possessive owner ("Acer's Nitro") is a proper name even where it opens the sentence.
  if (word !== m[1]) return true;
  const wordStart = start - m[0].length;
  return !isSentenceInitial(text, wordStart);
}

/** US states: a state before a federal-sounding name makes it the state's own body. */
const US_STATES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington State|West Virginia|Wisconsin|Wyoming';
const LOCAL_BEFORE = new RegExp(
  `(?:^|[^\\p{L}])(?:${US_STATES}|County|City|Municipal|Metropolitan|Provincial|Regional|State's|Ohio's)(?:['’]s)?[ \\u00a0]$`,
  'u',
);

/** Whether a US state or a city, county or province qualifies the name ("the Ohio State Department of …"). */
export function localQualifierBefore(text: string, start: number): boolean {
  return LOCAL_BEFORE.test(text.slice(Math.max(0, start - 30), start));
}

/** Names that end in a generic body noun can be the start of another body's name. */
const GENERIC_BODY_END = /(?:Department|Ministry|Office|Service|Agency|Bureau|Police|Council|Directorate)$/;

/** Agency nouns right before an acronym make it a body's name ("the counter-intelligence service BIS"). */
const AGENCY_NOUN_BEFORE =
  /(?:service|agency|intelligence|police|office|cent(?:re|er)|directorate|bureau|ministry|authority|watchdog)[ \u00a0]$/i;

/** Whether an agency noun stands right before the name, in apposition. */
export function agencyNounBefore(text: string, start: number): boolean {
  return AGENCY_NOUN_BEFORE.test(text.slice(Math.max(0, start - 16), start));
}

/**
 * Whether the name continues into a longer one ("State Department of Education"): " of " and a capitalized
 * word that is not a country's (a country there only says whose body it is).
 */
export function continuesIntoLongerName(
  text: string,
  end: number,
  isCountryWord: (w: string) => boolean,
): boolean {
  if (!GENERIC_BODY_END.test(text.slice(Math.max(0, end - 12), end))) return false;
  const m = /^ of (?:the )?(\p{Lu}\p{Ll}[\p{L}'’]*)/u.exec(text.slice(end, end + 40));
  if (!m) return false;
  return (
    !isCountryWord(m[1]!) &&
    !/^(?:People['’]s|Republic|Federation|Kingdom|Islamic|Democratic|United)$/.test(m[1]!)
  );
}

/**
 * Verbs that, with a threat name as their subject, say the sentence speaks of an actor on their own:
 * intrusion work no product, store or bank does ("Kimsuky has lured victims", "X exfiltrated data").
 */
const INTRUSION_VERB =
  /^(?:compromis\w*|exploit\w*|exfiltrat\w*|spear-?phish\w*|phish\w*|infect\w*|hack\w*|breach\w*|infiltrat\w*|lur(?:e|es|ed|ing)|impersonat\w*|masquerad\w*|spoof\w*|obfuscat\w*|inject\w*|dump\w*|harvest\w*|brute[- ]?forc\w*|password-spray\w*|sprayed|stole|stolen|steals?|stealing|exfil\w*|weaponi[sz]\w*|backdoor\w*|targe?t\w*|attack\w*|deploy\w*|beacon\w*|persist\w*|escalat\w*|enumerat\w*|tunnel\w*|pivot\w*|extort\w*|encrypt\w*|conduct\w*|carried out|launch\w*|orchestrat\w*|abus\w*|hijack\w*)$/i;

/** Verbs of any work ("has used", "created", "sent"): an actor's subject only beside a word of the field. */
const WORK_VERB =
  /^(?:us(?:e|es|ed|ing)|utili[sz]\w*|leverag\w*|employ\w*|creat\w*|sen[dt]s?|obtain\w*|acquir\w*|collect\w*|gather\w*|download\w*|upload\w*|install\w*|execut\w*|r[au]n|runs|modif\w*|register\w*|establish\w*|deliver\w*|distribut\w*|delet\w*|clear\w*|add(?:s|ed)?|develop\w*|drop(?:s|ped)?|stag(?:e|es|ed)|compress\w*|archiv\w*|encod\w*|embed\w*|disguis\w*|host\w*|sign(?:s|ed)|search\w*|scan\w*|quer\w*|identif\w*|discover\w*|access\w*|gain\w*|attempt\w*|disabl\w*|renam\w*|cop(?:y|ies|ied)|rel(?:y|ies|ied)|configur\w*|transferr?\w*|mov(?:e|es|ed)|plac(?:e|es|ed)|perform\w*|made|set|built|wrote|written|operat\w*|maintain\w*|capture\w*|record\w*|monitor\w*|communicat\w*|contact\w*|crafted|bundled|packed|loaded|decrypt\w*|bypass\w*|evad\w*|abus\w*|purchas\w*|bought|rented|spread|used|surveys?|surveyed|decompress\w*|issu(?:e|es|ed)|extract\w*|unset|remov\w*|restor\w*|research\w*|replac\w*|manipulat\w*|padd(?:s|ed)|decod\w*|export\w*|import\w*|leak\w*|post(?:s|ed)|publish\w*|claim\w*|demand\w*|threaten\w*|sold|sell\w*|recruit\w*|register\w*|mimic\w*|pos(?:e|es|ed)|posing|set up|wip(?:e|es|ed)|destroy\w*|corrupt\w*|disrupt\w*|defac\w*|flood\w*|overwr\w+|tamper\w*|intercept\w*|redirect\w*|collect\w*|archiv\w*|maintain\w*|utilis\w*)$/i;

/** "has" or "had" and a regular past participle: any completed work ("has unpacked", "had renamed"). */
const PERFECT = /^(?:has|have|had)$/i;
const PARTICIPLE = /^\p{Ll}[\p{Ll}-]+ed$/u;

/** What may stand between a subject and its verb: auxiliaries and adverbs ("has also previously"). */
const AUXILIARY =
  /^(?:has|have|had|is|are|was|were|been|can|could|may|might|will|would|also|reportedly|allegedly|previously|likely|then|further|frequently|often|additionally|initially|subsequently|routinely|repeatedly|commonly|typically|primarily|successfully|historically|specifically|recently|later|first|once|still|even|since|continues?|continued|to|known|believed|suspected|reported|said|observed|seen)$/i;
/** A form of "be" before the verb makes it passive ("Nickel is used in batteries") unless a report verb follows. */
const BE = /^(?:is|are|was|were|been|being)$/i;
const REPORTED = /^(?:known|believed|suspected|reported|said|observed|seen)$/i;

/** Words of the field's tools and traces that make a work verb an intrusion ("used PowerShell", "sent emails"). */
const TECH =
  /\b(?:\w+\.(?:exe|dll|ps1|bat|vbs|js|lnk|hta|sys|dat|zip|rar|iso|docx?|xlsx?|py|sh)|PowerShell|Base64|HTTPS?|C2|C&C|DLLs?|[Rr]egistry|RDP|SSH|SMB|WMI|VBA|VBScript|JavaScript|macros?|scripts?|commands?|cmd|tools?|toolkits?|servers?|domains?|accounts?|victims?|payloads?|infrastructure|networks?|hosts?|credentials?|passwords?|hashes|tokens?|persistence|lateral|privileges?|encoded|encrypted|shellcode|implants?|backdoors?|malware|ransomware|exploits?|vulnerabilit\w+|CVE-\d+-\d+|phishing|spearphishing|emails?|attachments?|lures?|documents?|VPN|proxies|proxy|Mimikatz|Cobalt Strike|Impacket|PsExec|web shells?|webshells?|targets?|intrusions?|operations?|campaigns?|espionage|attacks?|data|systems?|files?|folders?|director(?:y|ies)|Windows|Linux|macOS|logs?|process(?:es)?|services?|DNS|TLS|certificates?|archives?|URLs?|websites?|social media|profiles?|personas?|timestamps?|firewalls?|antivirus|detection|laterally|encryption|keys?|\.NET|LNK|Group Policy|shares|reg|wget|curl|nltest|computers?|machines?|endpoints?|software|installers?|code|programs?|binar(?:y|ies)|executables?|miners?|cryptocurrency|admin|rootkits?|trojans?|loaders?|droppers?|downloaders?|wipers?|stealers?|infostealers?|botnets?|keyloggers?|RATs?|modules?|plugins?|GitHub|cloud|Exchange|Outlook|Office|Word|Excel|sideload\w*|spoof\w*|exfiltrat\w*|compromis\w*|infected)\b/i;

/**
 * The intrusion words among the field's: what an everyday text about computers never holds. On a page that is
 * not about security, the weakest shapes (a work verb or a present tense beside the field's words) need one
 * of these: "Rhino converts JavaScript scripts", "Lorenz identified three properties of the system" and
 * "Lambda owners … on different hosts" are software and science, not an actor at work.
 */
const INTRUSION_WORD =
  /\b(?:\w+\.(?:exe|dll|ps1|bat|vbs|lnk|hta|sys)|PowerShell|Base64|C2|C&C|command[- ]and[- ]control|RDP|SMB|WMI|wmic|VBA|VBS|VBScript|macros?|[Rr]egistry|DLLs?|netsh|nltest|cmd|Metasploit|Plink|PuTTY|shellcode|implants?|backdoors?|malware|malicious|ransomware|exploits?|exploited|vulnerabilit\w+|CVE-\d+-\d+|phishing|spearphishing|lures?|Mimikatz|Cobalt Strike|Impacket|PsExec|web ?shells?|victims?|intrusions?|espionage|attacks?|rootkits?|trojans?|loaders?|droppers?|downloaders?|wipers?|stealers?|infostealers?|botnets?|keyloggers?|RATs?|payloads?|credentials?|passwords?|privileges?|persistence|lateral(?:ly)?|escalat\w*|obfuscat\w*|inject\w*|sideload\w*|spoof\w*|exfiltrat\w*|stolen|steal\w*|compromis\w*|infected|hack\w*|breach\w*|threat actors?|APT\d*)\b/i;

/** Verbs and phrases that put a name after them in an actor's place ("used by X", "attributed to X"). */
const AGENT_BEFORE =
  /\b(?:(?:used|conducted|operated|deployed|developed|sponsored|created|authored|employed|leveraged|exploited|launched|observed|run|orchestrated|perpetrated|claimed|targeted|compromised|attacked|hacked|breached|carried out)(?:\s+\w+ly)?\s+by|(?:attributed|attribution|linked|tied|connected)\s+(?:it\s+)?to|associated\s+with|overlaps?\s+with|similarities\s+(?:to|with)|(?:members|operators|affiliates|victims|targets|activity|operations|attacks|intrusions|campaigns?|tools?|toolset|malware|implants?|backdoors?|arsenal|TTPs)\s+(?:of|by|from)|tracking|investigat\w+|researching|analy[sz]\w+)\s+(?:the\s+)?$/i;

/** A vendor naming a group: "tracked by Microsoft as X", "which Mandiant tracks as X", "also known as X". */
const NAMED_AS_BEFORE =
  /\b(?:track(?:s|ed)?|call(?:s|ed)?|dub(?:s|bed)?|refer(?:s|red)?\s+to|known|monitor(?:s|ed)?|designat\w+|label(?:s|ed|led)?)(?:\s+(?:by\s+)?\p{Lu}[\p{L}\d&-]*){0,2}(?:\s+it)?\s+as\s+(?:the\s+)?$|\b(?:aka|a\.k\.a\.)\s+$/iu;

/** "X is associated with …", "X is a threat group …": the sentence defines the name as an actor. */
const ACTOR_DEFINITION =
  /^[ \u00a0]+(?:is|was|are|has been|have been)[ \u00a0]+(?:\w+ly[ \u00a0]+)?(?:associated[ \u00a0]+with|linked[ \u00a0]+to|tied[ \u00a0]+to|attributed[ \u00a0]+to|known[ \u00a0]+(?:to|for)|believed[ \u00a0]+to|suspected|responsible[ \u00a0]+for|behind|active|(?:still[ \u00a0]+)?operating|one[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(?:[\p{L}-]+[ \u00a0]+){0,4}?(?:groups|actors|gangs|threats|APTs)\b|an?[ \u00a0]+(?:[\p{L}-]+[ \u00a0]+){0,4}?(?:group|actor|gang|crew|cluster|APT|collective|operators?|adversary|intrusion set)\b)/iu;

/** The group's own code or people as the subject ("X's CredRaptor tool can", "X RPC backdoors have"). */
const OWN_THING_AFTER = new RegExp(
  `^(?:['’]s)?(?:[ \\u00a0]+[\\p{L}\\d.-]+){0,2}?[ \\u00a0]+(?:${'malware|ransomware|backdoors?|trojans?|implants?|RATs?|loaders?|droppers?|downloaders?|wipers?|rootkits?|stealers?|keyloggers?|payloads?|executables?|installers?|versions?|miners?|tools?|toolsets?|actors?|operators?|members?|infrastructure|servers?|scripts?|modules?|campaigns?|operations?|research'})[ \\u00a0]+(?:(?:also|has|have|had|can|could|may|will|was|were|is|are)[ \\u00a0]+(?:\\p{Ll}+ly[ \\u00a0]+)?\\p{Ll}{3,}|\\p{Ll}{2,}(?:s|ed))\\b`,
  'u',
);

/** Whether a name opens its clause: a sentence, or a clause after an opening phrase ("During X, Y used …"). */
function opensClause(text: string, start: number): boolean {
  if (isSentenceInitial(text, start)) return true;
  // "A Patchwork payload has …", "The Turla operators …": a determiner opens the clause for the name.
  const det = /(?:^|[^\p{L}])((?:a|an|the|this|another|one|each)[ \u00a0]+)$/iu.exec(
    text.slice(Math.max(0, start - 10), start),
  );
  if (det && isSentenceInitial(text, start - det[1]!.length)) return true;
  return /(?:,|;|\band|\bthen|\bwhile|\bwhen)[ \u00a0]+$/.test(text.slice(Math.max(0, start - 8), start));
}

/** The sentence holding [start, end) (up to a sentence end or a line break). */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 300), start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('? '));
  const after = text.slice(end, end + 300);
  const stop = after.search(/[.!?](?:\s|$)|\n/);
  return before.slice(cut + 1) + text.slice(start, end) + (stop < 0 ? after : after.slice(0, stop));
}

/**
 * Whether the words around a threat name say the sentence speaks of an actor, by the sentence's shape and
 * not the page: the name as the subject of an intrusion verb ("X has lured victims", "X exploited …"), or
 * of a work verb beside the field's tools ("X has used PowerShell"); after "used by", "attributed to",
 * "associated with"; or named by a vendor ("tracked by Microsoft as X"). Such a sentence counts even where
 * it is the whole page.
 */
export function speaksOfActor(text: string, start: number, end: number, topical = true): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  if (NAMED_AS_BEFORE.test(before)) return true;
  const sentence = sentenceAround(text, start, end);
  // "the Leafminer group is targeting …": a group noun after the name, with the field's words beside it.
  if (HEAD_AFTER.test(text.slice(end, end + 40)) && TECH.test(sentence)) return true;
  if (AGENT_BEFORE.test(before)) return TECH.test(sentence) || /(?:attribut|linked|tied)/i.test(before);
  if (!opensClause(text, start)) return false;
  const words = text
    .slice(end, end + 80)
    .match(/^(?:['’]s)?[ \u00a0]+((?:[\p{L}-]+[ \u00a0]+){0,4}[\p{L}-]+)/u);
  if (!words) return false;
  const list = words[1]!.split(/[ \u00a0]+/);
  let i = 0;
  while (i < list.length - 1 && AUXILIARY.test(list[i]!)) i++;
  const verb = list[i]!;
  const skipped = list.slice(0, i);
  if (ACTOR_DEFINITION.test(text.slice(end, end + 100))) return true;
  // "X's CredRaptor tool can …", "X RPC backdoors have …", "X actors used …": the group's code and people act.
  if (OWN_THING_AFTER.test(text.slice(end, end + 80))) return TECH.test(sentence);
  // "X is a …": a copula describes; "X is used in …": the name is what is acted on.
  if (BE.test(verb) || (skipped.some((w) => BE.test(w)) && !skipped.some((w) => REPORTED.test(w))))
    return false;
  if (INTRUSION_VERB.test(verb)) return true;
  const perfect = skipped.some((w) => PERFECT.test(w)) && PARTICIPLE.test(verb);
  // A present-tense verb of the name ("X likely chooses its targets") beside the field's words.
  const present = /^\p{Ll}{3,}s$/u.test(verb) && !/(?:ss|us|is)$/.test(verb);
  // A present tense is the weakest shape: software and science do things too ("Rhino converts scripts").
  if (present && !perfect && !WORK_VERB.test(verb)) return INTRUSION_WORD.test(sentence);
  return (perfect || WORK_VERB.test(verb)) && (topical ? TECH : INTRUSION_WORD).test(sentence);
}

/** Nouns of code: a name before them, in the right place, is a malware family, not the group. */
const CODE_NOUN =
  'malware|ransomware|backdoors?|trojans?|implants?|RATs?|loaders?|droppers?|downloaders?|wipers?|rootkits?|worms?|stealers?|infostealers?|botnets?|keyloggers?|samples?|binar(?:y|ies)|variants?|payloads?|executables?|strains?|famil(?:y|ies)';

/** "X is a modular remote access Trojan", "X, a loader,": the sentence defines the name as code. */
const DEFINED_AS_CODE = new RegExp(
  `^(?:[ \\u00a0]+\\d+(?:\\.\\d+)?)?(?:[ \\u00a0]+(?:ransomware|malware))?(?:[ \\u00a0]+(?:is|was)[ \\u00a0]+(?:also[ \\u00a0]+)?|,[ \\u00a0]+)(?:a|an)[ \\u00a0]+(?:(?!group|actor|gang|team|cluster|crew|that|which|who|whose|threat)[\\p{L}-]+[ \\u00a0]+){0,5}?(?:${CODE_NOUN}|tool|utility|framework)\\b`,
  'iu',
);
/** A code noun right after the name, a version or "for Windows" allowed ("X 2.0 Ransomware", "X for Linux"). */
const CODE_AFTER = new RegExp(
  `^(?:[ \\u00a0]+\\d+(?:\\.\\d+)?)?[ \\u00a0]+(?:${CODE_NOUN}|for[ \\u00a0]+(?:Windows|Linux|macOS|Android))\\b(?![ \\u00a0]+(?:gangs?|groups?|crews?|operators?|actors?|affiliates?|operations?|cartel|syndicate|team|members?)\\b)`,
  'iu',
);
/** Words before a name that make "name + code noun" the object, the code itself ("installed the X malware"). */
const CODE_OBJECT_BEFORE =
  /\b(?:the|its|their|his|her|recent|latest|older|newer|earlier|\d{4}|with|using|use|uses|used|deploy(?:s|ed|ing)?|install(?:s|ed|ing)?|deliver(?:s|ed|ing)?|distribut\w+|employ(?:s|ed)?|drop(?:s|ped)?|execut\w+|load(?:s|ed)?|launch\w*|of|and|or|via|such as|including|like|new|custom|modified|for)[ \u00a0]+$/i;
/** What ransomware code does, as the subject of the sentence ("X ransomware has placed a ransom note"). */
const CODE_VERB_AFTER =
  /^[ \u00a0]+ransomware[ \u00a0]+(?:(?:has|can|will|also|then|first)[ \u00a0]+)*(?:plac\w+|encrypt\w*|append\w*|drop\w*|delet\w*|terminat\w*|kill\w*|stop\w*|spread\w*|propagat\w*|renam\w*|execut\w*|us(?:es|ed)|creat\w*|modif\w*|leav\w+|left|chang\w+|inject\w*|check\w*|communicat\w*|contain\w*|writ\w+|wrote|enumerat\w*|scan\w*|search\w*|exclud\w*|skip\w*|avoid\w*|requir\w*|accept\w*|support\w*)\b/i;

/**
 * Whether the name at [start, end) names code, not the group that shares it: defined as a Trojan or a
 * loader, the object of "installed the X malware", or ransomware that does what code does. A group's own
 * designator with digits (APT28) is never a family's name, so it is not asked.
 */
/** A code noun that names the name after it ("the Trojan known as X", "a malware family, X,"). */
const CODE_NAMED_BEFORE = new RegExp(
  `\\b(?:${CODE_NOUN}|tool)[ \\u00a0]*(?:,[ \\u00a0]*|[ \\u00a0]+(?:known as|called|dubbed|named)[ \\u00a0]+)(?:the[ \\u00a0]+)?$`,
  'i',
);

export function speaksOfCode(text: string, start: number, end: number): boolean {
  if (/\d/.test(text.slice(start, end))) return false;
  if (CODE_NAMED_BEFORE.test(text.slice(Math.max(0, start - 40), start))) return true;
  const after = text.slice(end, end + 120);
  if (DEFINED_AS_CODE.test(after) || CODE_VERB_AFTER.test(after)) return true;
  return CODE_AFTER.test(after) && CODE_OBJECT_BEFORE.test(text.slice(Math.max(0, start - 24), start));
}

/** Capitalized words after a name that end in "Campaign" or "Operations": the name opens a campaign's name. */
const CAMPAIGN_NAME_AFTER = /^(?:[ \u00a0]+\p{Lu}[\p{L}\d-]*){1,6}[ \u00a0]+(?:Campaign|Operations?)\b/u;

/** Whether the name is the first word of a campaign's name ("APT28 Nearest Neighbor Campaign"). */
export function opensCampaignName(text: string, end: number): boolean {
  return CAMPAIGN_NAME_AFTER.test(text.slice(end, end + 100));
}

/** A clock time right before an acronym makes it a time zone ("3 a.m. CST", "14:00 PST"), not a body. */
const CLOCK_BEFORE =
  /(?:\b\d{1,2}(?:[:.]\d{2})?[ \u00a0]*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,2}[:.]\d{2}|\bnoon|\bmidnight)[ \u00a0]*\(?$/i;

/** Whether a clock time stands right before [start…): the acronym there is a time zone. */
export function clockTimeBefore(text: string, start: number): boolean {
  return CLOCK_BEFORE.test(text.slice(Math.max(0, start - 16), start));
}

/** "the Nickel group targeted …": a team or group noun after the name, then an intrusion verb. */
export function groupNounActs(text: string, end: number): boolean {
  const m =
    /^[ \u00a0]+(?:team|group|crew|gang)[ \u00a0]+(?:(?:has|have|had|also|was|were|reportedly)[ \u00a0]+)*(\p{Ll}+)/u.exec(
      text.slice(end, end + 60),
    );
  return m !== null && INTRUSION_VERB.test(m[1]!);
}
