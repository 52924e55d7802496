// Upgrade of the Incident Extension Suite draft's older property names to the names of its JSON
// schemas, which decide what Concord emits (issue 16, must 1; SOURCE.txt of the suite lists the
// inconsistencies). Each change is named, like the STIX 2.0 upgrades (upgrade.ts):
// - event: next_event_refs (the .adoc tables) → next_events_refs (event schema);
// - task: next_tasks_refs (the .adoc lists, example 2.4) → next_task_refs (task schema);
// - task: activity_types (before 2024) → task_types;
// - impact: the monetary-ext extension → economic-ext (§2.3.2.5), impact_category "monetary" →
//   "economic"; impact_category with the "-ext" suffix → without it (§2.3: "MUST be specified
//   without the -ext suffix");
// - event: outcome (the activity-outcome-enum of revisions 01–02) is gone; its values (blocked,
//   failed, successful, …) are now event-type-ov values, so it is appended to event_types, and
//   when status is missing it is derived (ongoing/pending keep their meaning, unknown →
//   undetermined, any other outcome means the event occurred);
// - event: observed_refs (SCOs observed, before 2024) has no place in the schema, whose way to
//   tie observations to an event is sighting_refs; it is kept as the custom property
//   x_observed_refs so that nothing is lost and the references stay in the graph.

import type { JsonObject, JsonValue, StixObject } from './types.ts';
import type { Upgrade } from './upgrade.ts';

const SUITE_TYPES: ReadonlySet<string> = new Set(['event', 'impact', 'task']);

function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `obj` is an event, impact or task that may carry the draft's older names. */
export function isIncidentSuiteObject(obj: unknown): obj is StixObject {
  return isJsonObject(obj) && typeof obj['type'] === 'string' && SUITE_TYPES.has(obj['type']) && typeof obj['id'] === 'string';
}

/** Moves `from` to `to` when `to` is absent; returns whether anything moved. */
function rename(out: JsonObject, from: string, to: string): boolean {
  if (out[from] === undefined || out[to] !== undefined) return false;
  out[to] = out[from] as JsonValue;
  delete out[from];
  return true;
}

function upgradeEvent(out: JsonObject, changes: string[]): void {
  if (rename(out, 'next_event_refs', 'next_events_refs')) changes.push('event next_event_refs renamed next_events_refs');
  if (rename(out, 'observed_refs', 'x_observed_refs')) changes.push('event observed_refs kept as x_observed_refs');
  const outcome = out['outcome'];
  if (typeof outcome !== 'string') return;
  delete out['outcome'];
  const types = Array.isArray(out['event_types']) ? out['event_types'] : [];
  out['event_types'] = types.includes(outcome) ? types : [...types, outcome];
  changes.push('event outcome moved to event_types');
  if (out['status'] === undefined) {
    out['status'] = outcome === 'ongoing' || outcome === 'pending' ? outcome : outcome === 'unknown' ? 'undetermined' : 'occurred';
    changes.push('event status derived from outcome');
  }
}

function upgradeImpact(out: JsonObject, changes: string[]): void {
  const extensions = out['extensions'];
  if (isJsonObject(extensions) && extensions['monetary-ext'] !== undefined && extensions['economic-ext'] === undefined) {
    // Rebuilt so the extension keeps its place among the others.
    out['extensions'] = Object.fromEntries(Object.entries(extensions).map(([k, v]) => [k === 'monetary-ext' ? 'economic-ext' : k, v]));
    changes.push('impact monetary-ext renamed economic-ext');
  }
  const category = out['impact_category'];
  if (typeof category !== 'string') return;
  let next = category;
  if (next.endsWith('-ext')) {
    next = next.slice(0, -4);
    changes.push('impact impact_category "-ext" suffix removed');
  }
  if (next === 'monetary') {
    next = 'economic';
    changes.push('impact impact_category monetary renamed economic');
  }
  out['impact_category'] = next;
}

function upgradeTask(out: JsonObject, changes: string[]): void {
  if (rename(out, 'next_tasks_refs', 'next_task_refs')) changes.push('task next_tasks_refs renamed next_task_refs');
  if (rename(out, 'activity_types', 'task_types')) changes.push('task activity_types renamed task_types');
}

/** Applies the renames to a copy of `obj` (the input is not modified); no change, same names. */
export function upgradeIncidentSuite(obj: StixObject): Upgrade {
  const changes: string[] = [];
  const out: StixObject = { ...obj };
  if (obj.type === 'event') upgradeEvent(out, changes);
  else if (obj.type === 'impact') upgradeImpact(out, changes);
  else if (obj.type === 'task') upgradeTask(out, changes);
  return { object: changes.length === 0 ? obj : out, changes };
}
