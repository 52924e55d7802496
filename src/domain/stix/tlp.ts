// The four standard TLP 1.0 marking definitions of STIX 2.1 §7.2.1.4: "Other instances of
// tlp-marking MUST NOT be used or created".

/** One standard TLP marking definition. */
export interface TlpMarking {
  readonly id: string;
  readonly name: string;
}

/** Standard TLP marking definitions keyed by `definition.tlp`. */
export const TLP_MARKINGS: ReadonlyMap<string, TlpMarking> = new Map([
  ['white', { id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', name: 'TLP:WHITE' }],
  ['green', { id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', name: 'TLP:GREEN' }],
  ['amber', { id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', name: 'TLP:AMBER' }],
  ['red', { id: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', name: 'TLP:RED' }],
]);

/** The `created` timestamp shared by the standard TLP marking definitions. */
export const TLP_CREATED = '2017-01-20T00:00:00.000Z';

/** The properties a standard TLP marking definition has, and no other. */
export const TLP_PROPERTIES: ReadonlySet<string> = new Set([
  'type',
  'spec_version',
  'id',
  'created',
  'definition_type',
  'name',
  'definition',
]);
