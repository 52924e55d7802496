// The write actions of an object page (issue 15, must 4), each in a dialog and each shown only to
// those the write rules allow (rules.ts): the owning organisation's writers edit, change
// markings and revoke; writers relate; annotators (coordinators too) add notes and opinions.
// Sightings are recorded by "We saw this" in the Sightings panel (issue 17, must 1), which
// applies the organisation's disclosure. The object page renders this in its header.
import { useState } from 'react';
import { displayName, type Stix } from '../../api/objects.ts';
import { useObjectAccess } from '../../api/object-access.ts';
import { useMe } from '../../api/session.ts';
import type { WriteResult } from '../../api/write.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Link } from '../../components/Link.tsx';
import { objectPath } from '../../router.ts';
import { SCO_TYPES } from '../../../../src/domain/stix/categories.ts';
import { formFor } from '../../../../src/domain/writing/forms.ts';
import { useInvalidateObjects } from '../../api/write.ts';
import { MarkingsForm, RevokeForm } from './MarkingsForm.tsx';
import { ObjectForm } from './lazy.tsx';
import { ObjectPicker } from './ObjectPicker.tsx';
import { RelateForm } from './RelateForm.tsx';
import { mayAnnotate, mayCreate, mayEdit, ownerOf } from './rules.ts';
import './write.css';

export interface ObjectActionsProps {
  object: Stix;
}

type Action = 'edit' | 'relate' | 'note' | 'opinion' | 'markings' | 'revoke';

const TITLES: Record<Action, string> = {
  edit: 'Edit',
  relate: 'Relate',
  note: 'Note',
  opinion: 'Opinion',
  markings: 'Markings',
  revoke: 'Revoke',
};

/** What each action's dialog says it did. */
const DONE: Record<Action, string> = {
  edit: 'New version saved.',
  relate: 'Relationship created.',
  note: 'Note added.',
  opinion: 'Opinion added.',
  markings: 'Markings changed.',
  revoke: 'Revoked.',
};

/** The relate dialog: the target chosen by searching, then the relationship form. */
function RelateDialog({ object, onDone, onCancel }: { object: Stix; onDone: (r: WriteResult) => void; onCancel: () => void }) {
  const [target, setTarget] = useState<Stix | null>(null);
  if (target) return <RelateForm source={object} target={target} onDone={onDone} onCancel={() => setTarget(null)} />;
  return (
    <div className="write-form">
      <ObjectPicker
        label="Related object"
        name="target_ref"
        single
        value={[]}
        exclude={[object.id]}
        onChange={(_ids, picked) => picked && setTarget(picked)}
      />
      <div className="form-actions">
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function ObjectActions({ object }: ObjectActionsProps) {
  const me = useMe().data;
  const [open, setOpen] = useState<Action | null>(null);
  const [done, setDone] = useState<{ object: string; action: Action; result: WriteResult } | null>(null);
  const invalidate = useInvalidateObjects();
  // The owner the server holds: an object imported by this organisation under another creator is still its own.
  const owner = useObjectAccess(object.id).data?.owner.id;
  if (!me) return null;
  const editable = mayEdit(me, object, owner ?? ownerOf(object));
  const form = formFor(object.type);
  const allowed: Action[] = [
    ...(editable && form && !SCO_TYPES.has(object.type) ? (['edit'] as const) : []),
    ...(mayCreate(me) && object['revoked'] !== true ? (['relate'] as const) : []),
    ...(mayAnnotate(me) ? (['note', 'opinion'] as const) : []),
    ...(editable ? (['markings', 'revoke'] as const) : []),
  ];
  if (allowed.length === 0) return null;
  const close = (): void => setOpen(null);
  const finish = (action: Action) => (result: WriteResult) => {
    setOpen(null);
    setDone({ object: object.id, action, result });
  };
  const name = displayName(object);
  return (
    <fieldset className="object-actions">
      <legend className="sr-only">Write actions</legend>
      {allowed.map((a) => (
        <button key={a} type="button" className={a === 'revoke' ? 'ghost danger' : 'ghost'} onClick={() => setOpen(a)}>
          {TITLES[a]}
        </button>
      ))}
      {done && done.object === object.id && (
        <span className="ok small" role="status">
          {DONE[done.action]} {done.result.object.id !== object.id && <Link to={objectPath(done.result.object.id)}>Open it</Link>}
        </span>
      )}
      {open === 'edit' && form && (
        <Dialog title={`Edit ${name}`} onClose={close} wide>
          <ObjectForm
            key={object.modified ?? ''}
            me={me}
            form={form}
            base={object}
            onDone={finish('edit')}
            onCancel={close}
            onReload={() => void invalidate(object.id)}
          />
        </Dialog>
      )}
      {open === 'relate' && (
        <Dialog title={`Relate ${name}`} onClose={close} wide>
          <RelateDialog object={object} onDone={finish('relate')} onCancel={close} />
        </Dialog>
      )}
      {(open === 'note' || open === 'opinion') && (
        <Dialog title={`${TITLES[open]} on ${name}`} onClose={close} wide>
          <ObjectForm me={me} form={open} initial={{ object_refs: [object.id] }} onDone={finish(open)} onCancel={close} />
        </Dialog>
      )}
      {open === 'markings' && (
        <Dialog title={`Markings of ${name}`} onClose={close}>
          <MarkingsForm me={me} object={object} onDone={finish('markings')} onCancel={close} />
        </Dialog>
      )}
      {open === 'revoke' && (
        <Dialog title={`Revoke ${name}`} onClose={close}>
          <RevokeForm object={object} onDone={finish('revoke')} onCancel={close} />
        </Dialog>
      )}
    </fieldset>
  );
}
