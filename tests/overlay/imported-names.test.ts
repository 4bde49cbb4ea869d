import { describe, expect, it } from 'vitest';
import {
  buildOverlayMatcher,
  findWithOverlay,
  loadOverlayTables,
  overlayNameRows,
} from '../../lib/overlay/matcher';
import { EMPTY_OVERLAY, type Overlay } from '../../lib/overlay/model';
import { importedNameFlags } from '../../lib/overlay/name-risk';
import { overlayProblems } from '../../lib/overlay/validate';
import { extension, ownActor } from './make';

/** What a tab scans with for this overlay (the background's rows, through storage's JSON). */
function scanWith(overlay: Overlay) {
  const rows = overlayNameRows(
    overlay,
    () => ({ kind: 'actor', name: 'APT31', country: 'CN' }),
    importedNameFlags,
  );
  const tables = loadOverlayTables(JSON.parse(JSON.stringify(buildOverlayMatcher(rows))));
  const find = findWithOverlay(tables);
  return (text: string) =>
    find(text)
      .filter((m) => m.ours)
      .map((m) => `${m.text}→${m.id}`);
}

const imported = (name: string, id: string) =>
  ownActor({ id, name, aliases: [], origin: 'MISP galaxy "Ransomware"' });

describe('names from a file need the context bundled names of their class need', () => {
  const find = scanWith({
    entities: [
      imported('Sport', 'ours-sport'),
      imported('Lorenz', 'ours-lorenz'),
      imported('Nhtnwcuf', 'ours-n'),
    ],
    extensions: [extension({ aliases: [{ name: 'Knight Crew', source: 'MISP galaxy', imported: true }] })],
  });

  it('an everyday page shows none of them', () => {
    expect(
      find(
        'Sport fans cheered as the Knight Crew rowing team won. Konrad Lorenz studied geese. Nhtnwcuf is a word game.',
      ),
    ).toEqual([]);
  });

  it('a sentence that speaks of a group shows them', () => {
    expect(
      find(
        'The Lorenz ransomware gang encrypted the servers, and Sport ransomware operators leaked the data. Researchers say Nhtnwcuf hackers used the same malware as Knight Crew.',
      ),
    ).toEqual(['Lorenz→ours-lorenz', 'Sport→ours-sport', 'Nhtnwcuf→ours-n', 'Knight Crew→apt31']);
  });

  it('a capitalized word before one makes it part of a longer proper name, even on a security page', () => {
    expect(find('Hackers breached the network, officials said, as Konrad Nhtnwcuf resigned.')).toEqual([]);
  });

  it('the same names typed by the reader stand on their own', () => {
    const typed = scanWith({
      entities: [ownActor({ id: 'ours-sport', name: 'Sport', aliases: [] })],
      extensions: [],
    });
    expect(typed('Sport fans cheered.')).toEqual(['Sport→ours-sport']);
  });
});

describe('no write path can plant a stop word or a name too short', () => {
  it('the overlay’s checks refuse them as own names and as names added to a bundled entity', () => {
    const problems = overlayProblems({
      ...EMPTY_OVERLAY,
      entities: [
        ownActor({ id: 'ours-the', name: 'the', aliases: [{ name: 'and', source: 'x' }] }),
        ownActor({ id: 'ours-j', name: 'J', aliases: [{ name: '2023', source: 'x' }] }),
      ],
      extensions: [
        extension({
          aliases: [
            { name: 'with', source: 'x' },
            { name: 'a', source: 'x' },
          ],
        }),
      ],
    }).map((p) => `${p.key}: ${p.message}`);
    expect(problems).toEqual([
      'ours-the: “the” cannot be a name: a word every text uses is not a name.',
      'ours-the: “and” cannot be a name: a word every text uses is not a name.',
      'ours-j: “J” cannot be a name: a name needs at least three letters or digits.',
      'ours-j: “2023” cannot be a name: a number alone is not a name.',
      'apt31: “with” cannot be a name: a word every text uses is not a name.',
      'apt31: “a” cannot be a name: a name needs at least three letters or digits.',
    ]);
  });
});
