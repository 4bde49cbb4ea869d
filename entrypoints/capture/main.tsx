/**
 * The capture form's own page, framed into the reader's page by the content script (see
 * lib/page/capture-frame.ts): it waits for the content script's hello, then shows the form, saves through
 * the background as an extension page, and tells the content script when to close it.
 */
import { render } from 'preact';
import { IncidentForm } from '../../components/incident-form/IncidentForm';
import type { CaptureInitial } from '../../lib/incidents/capture';
import type { IncidentDraft } from '../../lib/incidents/model';
import { acceptHello, type CaptureNote } from '../../lib/page/capture-frame';
import { send } from '../../platform/messaging';

const secret = location.hash.slice(1);
const app = document.getElementById('app')!;
let started = false;

addEventListener('message', (e) => {
  if (started) return;
  const hello = acceptHello<CaptureInitial>(e.data, e.ports, secret);
  if (!hello) return;
  started = true;
  const { initial, port } = hello;
  const tell = (note: CaptureNote) => port.postMessage(note);
  const save = async (draft: IncidentDraft) => {
    await send({ type: 'incidents:save', draft });
    tell('saved');
  };
  const show = (knownTags: readonly string[]) =>
    render(
      <IncidentForm initial={initial} knownTags={knownTags} onSave={save} onCancel={() => tell('close')} />,
      app,
    );
  send({ type: 'incidents:tags' }).then(show, () => show([]));
});
