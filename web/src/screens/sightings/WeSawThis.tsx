// "We saw this" (issue 17, must 1): one click records a sighting of an object with the defaults
// (now, once, a true sighting, the organisation's disclosure); "Details…" opens the form that
// says more. Shown on object pages and beside every lookup match, to those who may record
// their organisation's sightings.
import { useState } from 'react';
import { useMe } from '../../api/session.ts';
import { useRecordSighting, type Disclosure } from '../../api/sightings.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { maySight } from '../write/rules.ts';
import { SightingForm } from './lazy.tsx';
import '../../components/sightings.css';

export function WeSawThis({ id, name }: { id: string; name: string }) {
  const me = useMe().data;
  const record = useRecordSighting();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!me || !maySight(me)) return null;
  const disclosure: Disclosure = me.org.sightingDisclosure ?? 'organization';
  const quick = (): void => {
    setDone(null);
    record.mutate({ of: id }, { onSuccess: () => setDone('Sighting recorded.') });
  };
  return (
    <span className="we-saw-this">
      <button type="button" onClick={quick} disabled={record.isPending} aria-label={`We saw this: ${name}`}>
        We saw this
      </button>
      <button type="button" className="ghost" onClick={() => setOpen(true)} aria-label={`Details… of a sighting of ${name}`}>
        Details…
      </button>
      {done && (
        <span className="ok small" role="status">
          {done}
        </span>
      )}
      {record.error && (
        <span className="error small" role="alert">
          {record.error.message}
        </span>
      )}
      {open && (
        <Dialog title={`We saw ${name}`} onClose={() => setOpen(false)}>
          <SightingForm
            of={id}
            defaultDisclosure={disclosure}
            onCancel={() => setOpen(false)}
            onDone={({ sighting: s }) => {
              setOpen(false);
              setDone(`${s.type === 'sighting' ? 'Sighting' : s.type === 'expired' ? 'Expired sighting' : 'False positive'} recorded.`);
            }}
          />
        </Dialog>
      )}
    </span>
  );
}
