// Concord's CSIRT answer extension on `note` (issue 16, must 4): the CSIRT's feedback on a report
// (NIS2 Art. 23(5)) or its request for an intermediate report (Art. 23(4)(c)). The note's
// object_refs name the incident first, then the report answered, if any. Declared by an
// extension-definition Concord publishes and validated like every other extension.

import type { JsonRecord, Reporter } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { StructDef } from '../stix/schema.ts';

const { STRING, TIMESTAMP, props, formatted } = s;

export const ANSWER_SECTION = 'Concord NIS2 answer extension';

export const ANSWER_KINDS = ['feedback', 'intermediate-request'] as const;

const KIND = formatted(`one of ${ANSWER_KINDS.join(', ')}`, (c) => (ANSWER_KINDS as readonly string[]).includes(c));

function checkAnswer(o: JsonRecord, r: Reporter): void {
  // Art. 23(4)(c): the CSIRT sets the date an intermediate report is due.
  if (o['kind'] === 'intermediate-request' && o['due_at'] === undefined)
    r.error('required-property', ANSWER_SECTION, "a request for an intermediate report requires 'due_at'", 'due_at');
  if (o['kind'] === 'feedback' && o['due_at'] !== undefined)
    r.error('property-dependency', ANSWER_SECTION, "'due_at' belongs to requests for an intermediate report, not feedback", 'due_at');
}

/** The content of `note.extensions[CONCORD_NIS2_ANSWER_EXTENSION_ID]`. */
export const NIS2_ANSWER_EXTENSION: StructDef = {
  name: 'the Concord NIS2 answer extension',
  section: ANSWER_SECTION,
  props: props({ extension_type: STRING, kind: KIND, due_at: TIMESTAMP }),
  required: ['extension_type', 'kind'],
  check: checkAnswer,
};

export const NIS2_ANSWER_EXTENSION_SCHEMA = [
  "Property extension of note objects: a CSIRT's answer to an entity's NIS2 (Directive (EU) 2022/2555) reporting.",
  "The note's object_refs name the incident first, then the report answered, if any. Properties:",
  "kind (string, required): 'feedback' (Art. 23(5)) or 'intermediate-request' (Art. 23(4)(c)).",
  "due_at (timestamp): when the intermediate report requested is due; required for 'intermediate-request', absent for feedback.",
].join('\n');
