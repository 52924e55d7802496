// What a sighted object stands for, for the rule engine (issue 17, must 4): the object itself,
// each normalised observable value it carries (whichever objects carry it, a value is one
// subject), and the malware families it is (a malware) or indicates (an indicator's `indicates`
// relationships). A value on a warninglist is marked listed and never fires (must 5); an object
// whose every value is listed is listed too.
import { observablesOf } from '../ingest/examine.ts';
import type { Observable } from '../observables/types.ts';
import type { StixObject } from '../stix/types.ts';
import type { SubjectRef } from './engine.ts';

/** The key of a value subject: `kind:normalised value` (AlertSubject.key). */
export function valueKey(o: Observable): string {
  return `${o.kind}:${o.value}`;
}

/** The key the warninglists answer by (services.warninglists.match). */
export function listKey(o: Observable): string {
  return `${o.kind}\0${o.value}`;
}

function nameOf(o: StixObject): string {
  const name = o['name'];
  return typeof name === 'string' && name !== '' ? name : o.id;
}

/** The subjects of `object`, given the malware families it indicates and which values are listed. */
export function subjectsOfObject(object: StixObject, indicates: readonly StixObject[], listed: ReadonlySet<string>): SubjectRef[] {
  const values = observablesOf(object);
  const onList = values.map((v) => listed.has(listKey(v)));
  const label = object.type === 'indicator' || object.type === 'malware' ? nameOf(object) : (values[0]?.value ?? nameOf(object));
  const out: SubjectRef[] = [{ kind: 'object', key: object.id, label, listed: values.length > 0 && onList.every(Boolean) }];
  values.forEach((v, i) => void out.push({ kind: 'value', key: valueKey(v), label: v.value, listed: onList[i] === true }));
  if (object.type === 'malware') out.push({ kind: 'malware', key: object.id, label: nameOf(object) });
  for (const m of indicates) out.push({ kind: 'malware', key: m.id, label: nameOf(m) });
  return out;
}

/** Every observable value `objects` carry, for one warninglist question. */
export function valuesOf(objects: readonly StixObject[]): Observable[] {
  const seen = new Map<string, Observable>();
  for (const o of objects) for (const v of observablesOf(o)) seen.set(listKey(v), v);
  return [...seen.values()];
}
