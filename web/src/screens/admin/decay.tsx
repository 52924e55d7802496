// Decay settings (issue 17, musts 6 and 7): the node's model per indicator kind, as a table that
// node administrators edit and save at once; every indicator's score follows at once, since
// scores are computed when read. Each cell's error shows next to it.
import { useState } from 'react';
import { useDecayModels, useSaveDecayModels, type DecayModel, type DecayModels } from '../../api/decay.ts';
import { Status } from '../../components/Panel.tsx';
import { FieldError, localError, useField } from './form-state.tsx';
import { Form } from './forms.tsx';
import { cellName, MODEL_FIELDS, modelsOf, textOf, type ModelField, type ModelText } from './decay-check.ts';

const KIND_LABELS: Record<DecayModel['kind'], string> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  domain: 'domain name',
  url: 'URL',
  email: 'e-mail address',
  hash: 'file hash',
  'file-name': 'file name',
  default: 'anything else',
};

/** One number of one model: labelled for screen readers by its column and row, its error beside it. */
function Cell({
  name,
  label,
  value,
  standard,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  /** Concord's default, shown when the value differs from it. */
  standard: number | undefined;
  onChange: (v: string) => void;
}) {
  const f = useField(name, label);
  return (
    <td>
      <input
        id={f.id}
        name={name}
        aria-label={label}
        inputMode="decimal"
        size={6}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
      />
      {standard !== undefined && String(standard) !== value.trim() && <span className="muted small default">default {standard}</span>}
      <FieldError id={f.id} error={f.error} />
    </td>
  );
}

/** Puts a row back on Concord's defaults (saved with the others). */
function DefaultsButton({
  kind,
  model,
  row,
  onReset,
}: {
  kind: DecayModel['kind'];
  model: DecayModel | undefined;
  row: ModelText;
  onReset: (m: DecayModel) => void;
}) {
  if (!model || MODEL_FIELDS.every((f) => row[f.key].trim() === String(model[f.key]))) return null;
  return (
    <button type="button" className="ghost" aria-label={`Defaults for ${KIND_LABELS[kind]}`} onClick={() => onReset(model)}>
      Defaults
    </button>
  );
}

function ModelsForm({ saved }: { saved: DecayModels }) {
  const [rows, setRows] = useState<ModelText[]>(() => saved.models.map(textOf));
  const defaults = new Map(saved.defaults.map((m) => [m.kind, m]));
  const [shown, setShown] = useState(false);
  const save = useSaveDecayModels();
  const { models, errors } = modelsOf(rows);
  const set = (i: number, key: ModelField, v: string): void => {
    setRows(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
    save.reset();
  };
  const reset = (i: number, m: DecayModel): void => {
    setRows(rows.map((r, j) => (j === i ? textOf(m) : r)));
    save.reset();
  };
  const [first] = errors;
  const error = save.error ?? (shown && first ? localError(first[0], first[1]) : null);
  return (
    <Form
      title="Decay models"
      submit="Save models"
      onSubmit={() => {
        setShown(true);
        if (errors.size === 0) save.mutate(models);
      }}
      error={error}
      pending={save.isPending}
      className="decay-form"
      fieldErrors={shown && !save.error ? errors : undefined}
      result={
        save.isSuccess && (
          <p className="ok" role="status">
            Saved: every indicator's score follows the new models.
          </p>
        )
      }
    >
      <table className="grid decay-models" aria-label="Decay models per indicator kind">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            {MODEL_FIELDS.map((f) => (
              <th key={f.key} scope="col">
                {f.label}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Defaults</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.kind} data-kind={r.kind}>
              <th scope="row">{KIND_LABELS[r.kind]}</th>
              {MODEL_FIELDS.map((f) => (
                <Cell
                  key={f.key}
                  name={cellName(i, f.key)}
                  label={`${f.label}, ${KIND_LABELS[r.kind]}`}
                  value={r[f.key]}
                  standard={defaults.get(r.kind)?.[f.key]}
                  onChange={(v) => set(i, f.key, v)}
                />
              ))}
              <td>
                <DefaultsButton kind={r.kind} model={defaults.get(r.kind)} row={r} onReset={(m) => reset(i, m)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Form>
  );
}

export function Decay() {
  const q = useDecayModels();
  return (
    <>
      <p className="muted">
        An indicator's score starts at the base score, falls with age to 0 at the end of its lifetime (MISP's polynomial model: the higher
        the decay speed, the faster it falls at first), gains points for each true sighting within its lifetime and loses points for each
        false positive. Below the threshold it counts as expired. Changes apply to every indicator at once.
      </p>
      <Status loading={q.isPending} error={q.error}>
        {q.data && <ModelsForm saved={q.data} />}
      </Status>
    </>
  );
}
