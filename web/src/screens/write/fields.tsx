// One field of a write form, drawn from its spec (src/domain/writing/forms.ts) with the
// administration forms' labelled fields, so every error shows next to its field the same way.
import type { FieldSpec } from '../../../../src/domain/writing/forms.ts';
import type { FormValue } from '../../../../src/domain/writing/draft.ts';
import { CheckField, CheckList, SelectField, TextArea, TextField } from '../admin/fields.tsx';
import { ObjectPicker } from './ObjectPicker.tsx';

const str = (v: FormValue | undefined): string => (typeof v === 'string' ? v : '');
const arr = (v: FormValue | undefined): string[] => (Array.isArray(v) ? v : []);
// Required fields say so in their hint: a marker in the label would change its accessible name.
const hintOf = (f: FieldSpec): string | undefined => (f.required ? `Required.${f.hint ? ` ${f.hint}` : ''}` : f.hint);

export function SpecField({ spec, value, onChange }: { spec: FieldSpec; value: FormValue | undefined; onChange: (v: FormValue) => void }) {
  const hint = hintOf(spec);
  const common = { label: spec.label, name: spec.name, ...(hint ? { hint } : {}) };
  switch (spec.kind) {
    case 'textarea':
    case 'kill-chain':
      return <TextArea {...common} value={str(value)} onChange={onChange} />;
    case 'vocab':
      return (
        <CheckList
          legend={common.label}
          name={spec.name}
          options={(spec.options ?? []).map((o) => [o, o] as const)}
          selected={arr(value)}
          onChange={onChange}
        />
      );
    case 'enum':
      return (
        <SelectField
          label={common.label}
          name={spec.name}
          value={str(value)}
          onChange={onChange}
          options={[...(spec.required ? [] : [['', '—'] as const]), ...(spec.options ?? []).map((o) => [o, o] as const)]}
        />
      );
    case 'bool':
      return <CheckField label={spec.label} name={spec.name} checked={value === true} onChange={onChange} />;
    case 'refs':
      return <ObjectPicker label={common.label} name={spec.name} value={arr(value)} onChange={(ids) => onChange(ids)} />;
    case 'time':
      return <TextField {...common} value={str(value)} onChange={onChange} placeholder="yyyy-mm-ddTHH:MM:SSZ" />;
    default:
      return <TextField {...common} value={str(value)} onChange={onChange} wide={spec.kind !== 'number'} />;
  }
}
