// Real content must pass: every OASIS example, every object of MITRE ATT&CK for ICS, and the
// TLP marking definitions. Each file is an object or a bundle; bundles are validated as an
// envelope and object by object, as the import pipeline does.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { StixIssue } from './types.ts';
import { validateBundle, validateObject } from './validate.ts';
import { sharedPath } from '../../../test/helpers/shared.ts';

const EXAMPLES = sharedPath('standards/stix2-json-schemas/examples');
const ATTACK = sharedPath('data/attack/ics-attack-18.1.json');
const TLP = sharedPath('standards/tlp');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** Errors found in a file, each prefixed with where it was found. */
function errorsIn(path: string): { objects: number; errors: string[] } {
  const doc: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const errors: string[] = [];
  const report = (where: string, issues: StixIssue[]) => {
    for (const i of issues) if (i.severity === 'error') errors.push(`${where} ${i.path} ${i.rule}: ${i.message}`);
  };
  const isBundle = typeof doc === 'object' && doc !== null && 'type' in doc && doc.type === 'bundle';
  const objects: unknown[] = isBundle && 'objects' in doc && Array.isArray(doc.objects) ? doc.objects : [doc];
  if (isBundle) report('bundle', validateBundle(doc).issues);
  objects.forEach((o, i) => {
    report(`objects[${i}]`, validateObject(o).issues);
  });
  return { objects: objects.length, errors };
}

const skipUnless = (path: string) => (existsSync(path) ? {} : { skip: `${path} is absent (shared standards not mounted)` });

test('every OASIS STIX 2.1 example is accepted', skipUnless(EXAMPLES), () => {
  const files = jsonFiles(EXAMPLES);
  assert.ok(files.length >= 8, `${files.length} example files`);
  for (const file of files) {
    const { objects, errors } = errorsIn(file);
    assert.ok(objects > 0, file);
    assert.deepEqual(errors, [], file);
  }
});

test('every object of ATT&CK for ICS 18.1 is accepted', skipUnless(ATTACK), () => {
  const { objects, errors } = errorsIn(ATTACK);
  assert.ok(objects > 1800, `${objects} objects`);
  assert.deepEqual(errors, []);
});

test('the TLP 1.0 and TLP 2.0 marking definitions are accepted', skipUnless(TLP), () => {
  for (const file of jsonFiles(TLP)) assert.deepEqual(errorsIn(file).errors, [], file);
});
