// Concord's own marking types and object extension, declared by extension-definitions that
// Concord publishes like any other STIX object (STIX 2.1 §7.3; DESIGN.md, Principles 1). Every
// object here has a deterministic id (UUIDv5, RFC 4122 §4.3, in the Concord namespace), so that
// every node mints the same marking-definition for the same classification, releasability or
// exercise, and marking definitions, which cannot be versioned (§7.2.1), never conflict.

import canonicalize from 'canonicalize';
import { InvalidInputError } from '../../errors.ts';
import { uuidV5 } from '../stix/ids.ts';
import type { JsonObject, StixObject } from '../stix/types.ts';
import { type ClassificationScheme, levelRank } from './classification.ts';
import { TLP_LEVELS, tlp2ExtensionDefinition, tlp2MarkingDefinition } from './tlp.ts';
import { NIS2_ANSWER_EXTENSION_SCHEMA } from '../incidents/answer-extension.ts';
import { NIS2_EXTENSION_SCHEMA } from '../incidents/nis2-extension.ts';
import { NIS2_REPORT_EXTENSION_SCHEMA } from '../incidents/report-extension.ts';
import { TASK_ASSIGNMENT_EXTENSION_SCHEMA } from '../incidents/task-extension.ts';
import { CONCORD_SIGHTING_EXTENSION_ID } from '../sightings/api.ts';
import { SIGHTING_EXTENSION_SCHEMA } from '../sightings/extension.ts';
import { ASSISTANCE_EXTENSIONS } from '../assistance/schemas.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  CONCORD_TASK_EXTENSION_ID,
} from '../incidents/types.ts';
import { CONCORD_ALERT_EXTENSION_ID, CONCORD_ALERT_RULE_EXTENSION_ID } from '../alerts/api.ts';

/** UUIDv5 namespace of every deterministic Concord identifier. */
export const CONCORD_NAMESPACE = 'addbe213-fbe3-40c4-a7aa-b172f1b464b4';
const NAMESPACE_BYTES = Buffer.from(CONCORD_NAMESPACE.replaceAll('-', ''), 'hex');

import { CONCORD_IDENTITY_ID } from './concord-identity.ts';
export { CONCORD_IDENTITY_ID };

/** Extension on marking-definitions carrying classification, releasability or exercise. */
export const CONCORD_MARKING_EXTENSION_ID = 'extension-definition--b3fd310b-4147-5fe7-a6e1-1a7c1509033a';

/** Extension on any object carrying Concord's `distribution` (DESIGN.md, Federation). */
export const CONCORD_OBJECT_EXTENSION_ID = 'extension-definition--45669b69-fea1-5433-866f-5e24c7e2b96e';

/** New SDO type of a retraction (issue 5, item 6): a signed notice that its origin withdraws
 *  objects shared by mistake, declared by an extension-definition (STIX 2.1 §7.3, §11). */
export const CONCORD_RETRACTION_EXTENSION_ID = 'extension-definition--ebbbfbe1-953a-5692-a298-8117b69fd80e';
export const CONCORD_RETRACTION_TYPE = 'concord-retraction';

/** `created` (and `modified`) of every object Concord defines: fixed, so the objects are identical everywhere. */
export const CONCORD_CREATED = '2025-01-01T00:00:00.000Z';

/** The kinds of marking the Concord marking extension carries (its `marking_type` property). */
export type ConcordMarkingType = 'classification' | 'releasability' | 'exercise';

/** UUIDv5 (RFC 4122 §4.3, SHA-1) of `name` in the Concord namespace. */
export function concordUuid(name: string): string {
  return uuidV5(NAMESPACE_BYTES, name);
}

// Countries are ISO 3166-1 alpha-2 codes in upper case; communities are lower-case ids. The case
// keeps the two apart: the community 'eu' is not the (reserved, never assigned) code 'EU'.
const COUNTRY_RE = /^[A-Z]{2}$/;
const COMMUNITY_RE = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const EXERCISE_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Checks a REL TO list and returns it sorted and de-duplicated; throws InvalidInputError. */
export function normalizeReleasability(to: readonly string[]): string[] {
  if (to.length === 0) throw new InvalidInputError('a releasability marking needs at least one community or country');
  for (const entry of to) {
    if (typeof entry !== 'string') throw new InvalidInputError(`releasability entry ${JSON.stringify(entry)} is not a string`);
    if (COUNTRY_RE.test(entry)) continue;
    if (!COMMUNITY_RE.test(entry)) {
      const hint = 'country codes are ISO 3166-1 alpha-2 in upper case, community ids in lower case';
      throw new InvalidInputError(`releasability entry '${entry}' is neither a country code nor a community id (${hint})`);
    }
  }
  return [...new Set(to)].sort();
}

/** Checks an exercise id; throws InvalidInputError. */
export function checkExerciseId(exerciseId: string): string {
  if (typeof exerciseId !== 'string' || !EXERCISE_RE.test(exerciseId)) {
    throw new InvalidInputError(`exercise id ${JSON.stringify(exerciseId)} must be 1-128 characters: letters, digits, '.', '_', ':', '-'`);
  }
  return exerciseId;
}

/** The identity named as creator of Concord's definitions. */
export function concordIdentity(): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: CONCORD_IDENTITY_ID,
    created: CONCORD_CREATED,
    modified: CONCORD_CREATED,
    name: 'Concord',
    description: 'The Concord threat-intelligence sharing platform, which defines the Concord marking and object extensions.',
    identity_class: 'organization',
  };
}

const MARKING_SCHEMA = [
  'Property extension of marking-definition objects. Properties:',
  "marking_type (required): 'classification', 'releasability' or 'exercise'.",
  'classification: scheme (string, a Concord classification scheme id such as nato or eu) and level (string, a level of that scheme).',
  'releasability: releasable_to (list of string, sorted, no duplicates): ISO 3166-1 alpha-2 country codes in upper case or community ids in lower case.',
  'exercise: exercise_id (string).',
  'The marking-definition id is UUIDv5 in namespace ' +
    CONCORD_NAMESPACE +
    ' over the RFC 8785 canonical JSON of the extension without extension_type.',
].join('\n');

const OBJECT_SCHEMA = [
  'Property extension of any STIX object originated on a Concord node. Properties:',
  "distribution (string, required): 'organization', 'sharing-group:<id>', 'community:<id>' or 'federation'; the audience the originator allows.",
  'Provenance, set by the originating node when the object first leaves it (DESIGN.md, Federation):',
  'origin_node (string): the STIX identity id of the originating node; key_id (string): hex of the first 16 bytes of SHA-256 over its raw Ed25519 public key;',
  'origin_org (string): the identity id of the organisation that owns the object;',
  'sharing_group (object, with a sharing-group distribution): id, name, owner (identity id of the managing organisation), members (list of organisation identity ids) and modified (timestamp) of that group on the originating node;',
  'signature (string): base64url Ed25519 signature over the RFC 8785 canonical JSON of the whole object with only this signature property removed.',
].join('\n');

const RETRACTION_SCHEMA = [
  "New SDO 'concord-retraction': its origin node withdraws objects it shared by mistake. Properties:",
  'retracted_ids (list of string, required): the ids of the objects withdrawn, every version; reason (string, optional).',
  'Valid only when signed (Concord object extension provenance) by the node that originated the objects named.',
].join('\n');

function extensionDefinition(id: string, name: string, description: string, schema: string): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id,
    created_by_ref: CONCORD_IDENTITY_ID,
    created: CONCORD_CREATED,
    modified: CONCORD_CREATED,
    name,
    description,
    schema,
    version: '1.0.0',
    extension_types: ['property-extension'],
  };
}

/** The extension-definition of Concord's classification, releasability and exercise markings. */
export function concordMarkingExtensionDefinition(): StixObject {
  const description = 'Concord marking definitions: classification level, releasability (REL TO) and exercise.';
  return extensionDefinition(CONCORD_MARKING_EXTENSION_ID, 'Concord marking', description, MARKING_SCHEMA);
}

/** The extension-definition of Concord's per-object properties (distribution). */
export function concordObjectExtensionDefinition(): StixObject {
  const description = 'Concord object properties: the distribution the originating organisation allows, and signed provenance.';
  // 1.1.0 added the provenance properties, 1.2.0 sharing_group: each a new version (§3.6), so
  // nodes holding an older one take it.
  return {
    ...extensionDefinition(CONCORD_OBJECT_EXTENSION_ID, 'Concord object', description, OBJECT_SCHEMA),
    modified: '2026-11-22T21:00:00.000Z',
    version: '1.2.0',
  };
}

/** The extension-definition of the retraction SDO. */
export function concordRetractionExtensionDefinition(): StixObject {
  const def = extensionDefinition(
    CONCORD_RETRACTION_EXTENSION_ID,
    'Concord retraction',
    'A signed withdrawal of objects shared by mistake; nodes purge them and keep a tombstone.',
    RETRACTION_SCHEMA,
  );
  return { ...def, extension_types: ['new-sdo'] };
}

/** The extension-definition of Concord's NIS2 properties on incidents (issue 16, must 1). */
export function concordNis2ExtensionDefinition(): StixObject {
  const description =
    'Concord NIS2 incident properties: affected entity, sector and subsector (NIS2 Annex I/II), member states affected, time of becoming aware, significance, suspected unlawful or malicious, cross-border impact, ENISA RSIT class and severity.';
  return {
    ...extensionDefinition(CONCORD_NIS2_EXTENSION_ID, 'Concord NIS2 incident', description, NIS2_EXTENSION_SCHEMA),
    // 1.1.0 added handled_at and coordinator_ref: a new version (§3.6), so nodes holding 1.0.0 take it.
    modified: '2026-12-07T18:00:00.000Z',
    version: '1.1.0',
  };
}

/** The extension-definitions of Concord's NIS2 reports, CSIRT answers and task assignments
 *  (issue 16, musts 4 and 5). */
export function concordIncidentWorkExtensionDefinitions(): StixObject[] {
  const at = (o: StixObject): StixObject => ({ ...o, created: '2026-12-07T00:00:00.000Z', modified: '2026-12-07T00:00:00.000Z' });
  return [
    at(
      extensionDefinition(
        CONCORD_NIS2_REPORT_EXTENSION_ID,
        'Concord NIS2 report',
        'Concord NIS2 reports: the Article 23(4) stage of a report an entity submits to its CSIRT and what it says.',
        NIS2_REPORT_EXTENSION_SCHEMA,
      ),
    ),
    at(
      extensionDefinition(
        CONCORD_NIS2_ANSWER_EXTENSION_ID,
        'Concord NIS2 answer',
        "Concord NIS2 answers: a CSIRT's feedback on a report, or its request for an intermediate report.",
        NIS2_ANSWER_EXTENSION_SCHEMA,
      ),
    ),
    at(
      extensionDefinition(
        CONCORD_TASK_EXTENSION_ID,
        'Concord task assignment',
        'Concord task assignment: the user a task of the OASIS Incident Extension Suite is assigned to.',
        TASK_ASSIGNMENT_EXTENSION_SCHEMA,
      ),
    ),
  ];
}

/** The extension-definition of Concord's sighting properties (issue 17, musts 1 and 2). Its id
 *  is `extension-definition--` and concordUuid('extension-definition:concord-sighting'). */
export function concordSightingExtensionDefinition(): StixObject {
  const description =
    'Concord sightings: whether a sighting says seen, false positive or expired, and what partners learn of who sighted (the organisation, only its country and sectors, or only that someone sighted).';
  const def = extensionDefinition(CONCORD_SIGHTING_EXTENSION_ID, 'Concord sighting', description, SIGHTING_EXTENSION_SCHEMA);
  return { ...def, created: '2026-12-07T20:00:00.000Z', modified: '2026-12-07T20:00:00.000Z' };
}

const ALERT_RULE_SCHEMA = [
  "New SDO 'x-concord-alert-rule': a community's collective-threat rule, shared with that community so that every node of it evaluates the same rules. Properties:",
  'name (string, required); description (string); community (string, required): the community id whose coordinators own the rule and to which its alerts go;',
  "subjects (list of 'object', 'value', 'malware', required): what counts as the same thing (the same object, the same normalised observable value, the same malware family);",
  'min_organizations (integer >= 2, required): N distinct sighting organisations; min_countries (integer >= 1, required): K distinct countries;',
  'window_hours (number > 0, required): W, the hours the sightings must fall in; enabled (boolean, required).',
].join('\n');

const ALERT_SCHEMA = [
  "New SDO 'x-concord-alert': raised when a rule holds: the same subject sighted by at least N distinct organisations in at least K countries within W hours.",
  'Its id is UUIDv5 in namespace ' +
    CONCORD_NAMESPACE +
    " over 'alert:' + rule id + '|' + subject kind + '|' + subject key + '|' + exercise id (empty outside exercises), so every node that holds the same sightings reaches the same alert; nodes derive alerts from the sightings they hold and do not exchange them.",
  'Properties: rule_ref (required); subject_kind (object, value or malware), subject_key (the object id, kind:normalised value, or the malware id), subject_label;',
  'object_refs (the objects sighted), sighting_refs (the sightings that made it fire), organization_count (distinct sighters), countries, sectors, first_seen, last_seen, sighting_count.',
].join('\n');

/** The extension-definitions of the alert rule and alert SDOs (issue 17, must 4). */
export function concordAlertExtensionDefinitions(): StixObject[] {
  const at = (o: StixObject): StixObject => ({
    ...o,
    created: '2026-12-07T20:00:00.000Z',
    modified: '2026-12-07T20:00:00.000Z',
    extension_types: ['new-sdo'],
  });
  return [
    at(
      extensionDefinition(
        CONCORD_ALERT_RULE_EXTENSION_ID,
        'Concord alert rule',
        'A collective-threat alert rule set by the coordinators of a community.',
        ALERT_RULE_SCHEMA,
      ),
    ),
    at(
      extensionDefinition(
        CONCORD_ALERT_EXTENSION_ID,
        'Concord alert',
        'A collective-threat alert: the same thing sighted by several organisations in several countries.',
        ALERT_SCHEMA,
      ),
    ),
  ];
}

/** The extension-definitions of rapid response's six SDOs and three property extensions (issue 18). */
export function concordAssistanceExtensionDefinitions(): StixObject[] {
  return ASSISTANCE_EXTENSIONS.map((e) => ({
    ...extensionDefinition(e.id, e.name, e.description, e.schema),
    created: '2026-12-08T00:00:00.000Z',
    modified: '2026-12-08T00:00:00.000Z',
    extension_types: [e.kind],
  }));
}

/** A marking-definition carrying `content` in the Concord marking extension, with a deterministic id. */
function concordMarking(name: string, content: JsonObject): StixObject {
  const text = canonicalize(content) ?? '';
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${concordUuid(`marking:${text}`)}`,
    created_by_ref: CONCORD_IDENTITY_ID,
    created: CONCORD_CREATED,
    name,
    extensions: { [CONCORD_MARKING_EXTENSION_ID]: { extension_type: 'property-extension', ...content } },
  };
}

/** The marking-definition of a classification level (throws InvalidInputError for a level not in the scheme). */
export function classificationMarking(scheme: ClassificationScheme, level: string): StixObject {
  if (levelRank(scheme, level) < 0) {
    throw new InvalidInputError(`'${level}' is not a level of classification scheme '${scheme.id}' (${scheme.levels.join(' < ')})`);
  }
  return concordMarking(`${scheme.name}: ${level}`, { marking_type: 'classification', scheme: scheme.id, level });
}

/** The marking-definition "REL TO" a set of communities and countries; the id ignores order and repeats. */
export function releasabilityMarking(to: readonly string[]): StixObject {
  const set = normalizeReleasability(to);
  return concordMarking(`REL TO ${set.join(', ')}`, { marking_type: 'releasability', releasable_to: set });
}

/** The marking-definition of material that belongs to one exercise. */
export function exerciseMarking(exerciseId: string): StixObject {
  checkExerciseId(exerciseId);
  return concordMarking(`EXERCISE ${exerciseId}`, { marking_type: 'exercise', exercise_id: exerciseId });
}

/** What a node ingests at start: Concord's identity and extension-definitions, and TLP 2.0. */
export function concordPublishedObjects(): StixObject[] {
  return [
    concordIdentity(),
    concordMarkingExtensionDefinition(),
    concordObjectExtensionDefinition(),
    concordRetractionExtensionDefinition(),
    tlp2ExtensionDefinition(),
    concordNis2ExtensionDefinition(),
    ...concordIncidentWorkExtensionDefinitions(),
    concordSightingExtensionDefinition(),
    ...concordAlertExtensionDefinitions(),
    ...concordAssistanceExtensionDefinitions(),
    ...TLP_LEVELS.map(tlp2MarkingDefinition),
  ];
}

/** Ids of the objects of concordPublishedObjects(). */
export const CONCORD_PUBLISHED_IDS: ReadonlySet<string> = new Set(concordPublishedObjects().map((o) => o.id));
