/** The "About / credits" section: the data notices the knowledge base's licences require. */
export function Credits() {
  return (
    <section class="credits" aria-labelledby="credits-title">
      <h2 id="credits-title">About / credits</h2>
      <p>APT Lens runs offline: it sends nothing anywhere. Its knowledge base is compiled from open data.</p>
      <ul>
        <li>
          <strong>MITRE ATT&amp;CK®</strong> — © 2025 The MITRE Corporation. This work is reproduced and
          distributed with the permission of The MITRE Corporation. Licensed for research, development and
          commercial use provided this copyright designation and licence are reproduced.
        </li>
        <li>
          <strong>Microsoft threat actor naming</strong> (microsoft/mstic, MicrosoftMapping.json) — ©
          Microsoft, licensed under Creative Commons Attribution 4.0 International (CC BY 4.0).
        </li>
        <li>
          <strong>MISP galaxy</strong> — CC0 1.0 or the 2-clause BSD licence, © 2015-2018 Alexandre Dulaunoy,
          CIRCL, Andras Iklody, Raphael Vinot, Deborah Servili and the MISP Project contributors.
        </li>
      </ul>
    </section>
  );
}
