// The New object screen (issue 15, must 4): a type chooser and that type's form. Writers
// (analysts, administrators) create every common type; coordinators, who annotate, notes and
// opinions (permissions.ts object.write, object.annotate). After the write, the object's page.
import { useState } from 'react';
import type { Me } from '../../api/session.ts';
import { Panel } from '../../components/Panel.tsx';
import { navigate, objectPath, useLocation } from '../../router.ts';
import { FORMS, type FormId } from '../../../../src/domain/writing/forms.ts';
import { ObjectForm } from './ObjectForm.tsx';
import { mayAnnotate, mayCreate } from './rules.ts';
import './write.css';

export function NewObject({ me }: { me: Me }) {
  const { query } = useLocation();
  const forms = FORMS.filter((f) => mayCreate(me) || (f.annotation && mayAnnotate(me)));
  const asked = forms.find((f) => f.id === query.get('type'))?.id;
  const [form, setForm] = useState<FormId | undefined>(asked ?? forms[0]?.id);
  const choose = (id: FormId): void => {
    setForm(id);
    navigate(`/new?type=${id}`, true);
  };
  return (
    <div className="page write">
      <div className="page-head">
        <h1>New object</h1>
      </div>
      {form === undefined ? (
        <p className="muted" role="note">
          Your roles may not create objects.
        </p>
      ) : (
        <div className="new-object">
          <fieldset className="type-chooser">
            <legend>Type</legend>
            {forms.map((f) => (
              <label key={f.id} className={`type-choice${f.id === form ? ' active' : ''}`}>
                <input type="radio" name="new-type" value={f.id} checked={f.id === form} onChange={() => choose(f.id)} />
                {f.label}
              </label>
            ))}
          </fieldset>
          <Panel title={FORMS.find((f) => f.id === form)?.label ?? form}>
            <ObjectForm key={form} me={me} form={form} onDone={(r) => navigate(objectPath(r.object.id))} />
          </Panel>
        </div>
      )}
    </div>
  );
}
