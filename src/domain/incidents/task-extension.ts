// Concord's task assignment extension on the suite's `task` (issue 16, must 5): the suite's task
// (Incident Extension Suite §2.4) says what is to be done, by when and how it went, but not who
// does it. Declared by an extension-definition Concord publishes and validated like every other
// extension.

import type { JsonRecord, Reporter } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { StructDef } from '../stix/schema.ts';

const { STRING, props } = s;

export const TASK_SECTION = 'Concord task assignment extension';

function checkTask(o: JsonRecord, r: Reporter): void {
  const who = o['assignee'];
  if (typeof who === 'string' && who.trim() === '')
    r.error('value-format', TASK_SECTION, 'assignee must name a user, not be blank', 'assignee');
}

/** The content of `task.extensions[CONCORD_TASK_EXTENSION_ID]`. */
export const TASK_ASSIGNMENT_EXTENSION: StructDef = {
  name: 'the Concord task assignment extension',
  section: TASK_SECTION,
  props: props({ extension_type: STRING, assignee: STRING }),
  required: ['extension_type', 'assignee'],
  check: checkTask,
};

export const TASK_ASSIGNMENT_EXTENSION_SCHEMA = [
  'Property extension of task objects (OASIS Incident Extension Suite §2.4): who the task is assigned to.',
  "assignee (string, required): the assignee's username at the node of the task's creator.",
].join('\n');
