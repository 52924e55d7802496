// Predefined SCO extensions (STIX 2.1 §3.10, §6.7.2–§6.7.6, §6.12.2–§6.12.5, §6.13.2–§6.13.3,
// §6.16.2) and the nested types SCOs use (§6.6.2, §6.7.3, §6.7.6, §6.17.2, §6.18.2).

import { isRecord, type JsonRecord, type Reporter } from './reporter.ts';
import * as s from './schema.ts';
import type { Spec, StructDef } from './schema.ts';
import * as v from './vocab.ts';

const {
  STRING,
  BOOLEAN,
  INTEGER,
  NON_NEGATIVE,
  FLOAT,
  HEX,
  HASHES,
  TIMESTAMP,
  LIST_OF_STRING,
  props,
  listOf,
  dictOf,
  vocab,
  refTo,
  struct,
} = s;

/** A nested type; with `atLeastOne`, one of its properties must be given ("at least one property"). */
function def(name: string, section: string, table: Record<string, Spec>, required: string[], atLeastOne?: string[]): StructDef {
  const base = { name, section: `STIX 2.1 §${section}`, props: props(table), required };
  return atLeastOne === undefined ? base : { ...base, oneOf: atLeastOne };
}

/** The same, where any one of all listed properties satisfies "at least one property". */
function anyOf(name: string, section: string, table: Record<string, Spec>, required: string[] = []): StructDef {
  return def(name, section, table, required, Object.keys(table));
}

const FILE = refTo('a file', ['file']);
const ARTIFACT = refTo('an artifact', ['artifact']);

/** Alternate data stream of the NTFS extension (§6.7.3). */
export const ALTERNATE_DATA_STREAM = def('alternate-data-stream-type', '6.7.3', { name: STRING, hashes: HASHES, size: NON_NEGATIVE }, [
  'name',
]);

/** PE optional header (§6.7.6): at least one property. */
export const PE_OPTIONAL_HEADER = anyOf('windows-pe-optional-header-type', '6.7.6', {
  magic_hex: HEX,
  major_linker_version: INTEGER,
  minor_linker_version: INTEGER,
  size_of_code: NON_NEGATIVE,
  size_of_initialized_data: NON_NEGATIVE,
  size_of_uninitialized_data: NON_NEGATIVE,
  address_of_entry_point: INTEGER,
  base_of_code: INTEGER,
  base_of_data: INTEGER,
  image_base: INTEGER,
  section_alignment: INTEGER,
  file_alignment: INTEGER,
  major_os_version: INTEGER,
  minor_os_version: INTEGER,
  major_image_version: INTEGER,
  minor_image_version: INTEGER,
  major_subsystem_version: INTEGER,
  minor_subsystem_version: INTEGER,
  win32_version_value_hex: HEX,
  size_of_image: NON_NEGATIVE,
  size_of_headers: NON_NEGATIVE,
  checksum_hex: HEX,
  subsystem_hex: HEX,
  dll_characteristics_hex: HEX,
  size_of_stack_reserve: NON_NEGATIVE,
  size_of_stack_commit: NON_NEGATIVE,
  size_of_heap_reserve: NON_NEGATIVE,
  size_of_heap_commit: NON_NEGATIVE,
  loader_flags_hex: HEX,
  number_of_rva_and_sizes: INTEGER,
  hashes: HASHES,
});

/** PE section (§6.7.6). */
export const PE_SECTION = def('windows-pe-section-type', '6.7.6', { name: STRING, size: NON_NEGATIVE, entropy: FLOAT, hashes: HASHES }, [
  'name',
]);

/** MIME part of a multipart email body (§6.6.2). */
export const EMAIL_MIME_PART = def(
  'email-mime-part-type',
  '6.6.2',
  { body: STRING, body_raw_ref: refTo('an artifact or file', ['artifact', 'file']), content_type: STRING, content_disposition: STRING },
  [],
  // "One of body OR body_raw_ref MUST be included."
  ['body', 'body_raw_ref'],
);

/** Registry value (§6.17.2): at least one property. */
export const WINDOWS_REGISTRY_VALUE = anyOf('windows-registry-value-type', '6.17.2', {
  name: STRING,
  data: STRING,
  data_type: vocab(v.WINDOWS_REGISTRY_DATATYPE),
});

/** X.509 v3 extensions (§6.18.2): at least one property. */
export const X509_V3_EXTENSIONS = anyOf('x509-v3-extensions-type', '6.18.2', {
  basic_constraints: STRING,
  name_constraints: STRING,
  policy_constraints: STRING,
  key_usage: STRING,
  extended_key_usage: STRING,
  subject_key_identifier: STRING,
  authority_key_identifier: STRING,
  subject_alternative_name: STRING,
  issuer_alternative_name: STRING,
  subject_directory_attributes: STRING,
  crl_distribution_points: STRING,
  inhibit_any_policy: STRING,
  private_key_usage_period_not_before: TIMESTAMP,
  private_key_usage_period_not_after: TIMESTAMP,
  certificate_policies: STRING,
  policy_mappings: STRING,
});

// §6.7.5: "Each dictionary value MUST be either an integer (for int* EXIF datatypes) or a string".
function checkExifTags(o: JsonRecord, r: Reporter): void {
  const tags = o['exif_tags'];
  if (!isRecord(tags)) return;
  for (const key in tags) {
    const value = tags[key];
    if (typeof value === 'string' || Number.isInteger(value)) continue;
    r.push('exif_tags');
    r.error('type-mismatch', 'STIX 2.1 §6.7.5', 'EXIF tag values are integers or strings', key);
    r.pop();
  }
}

const RASTER_IMAGE_EXT: StructDef = {
  ...anyOf('raster-image-ext', '6.7.5', {
    image_height: INTEGER,
    image_width: INTEGER,
    bits_per_pixel: INTEGER,
    exif_tags: dictOf(null),
  }),
  check: checkExifTags,
};

const PE_BINARY_PROPS: Record<string, Spec> = {
  pe_type: vocab(v.WINDOWS_PEBINARY_TYPE),
  imphash: STRING,
  machine_hex: HEX,
  number_of_sections: NON_NEGATIVE,
  time_date_stamp: TIMESTAMP,
  pointer_to_symbol_table_hex: HEX,
  number_of_symbols: NON_NEGATIVE,
  size_of_optional_header: NON_NEGATIVE,
  characteristics_hex: HEX,
  file_header_hashes: HASHES,
  optional_header: struct(PE_OPTIONAL_HEADER),
  sections: listOf(struct(PE_SECTION)),
};

/** Predefined File extensions (STIX 2.1 §6.7.2–§6.7.6). */
export const FILE_EXTENSIONS: ReadonlyMap<string, StructDef> = new Map([
  [
    'archive-ext',
    def('archive-ext', '6.7.2', { contains_refs: listOf(refTo('a file or directory', ['file', 'directory'])), comment: STRING }, [
      'contains_refs',
    ]),
  ],
  ['ntfs-ext', anyOf('ntfs-ext', '6.7.3', { sid: STRING, alternate_data_streams: listOf(struct(ALTERNATE_DATA_STREAM)) })],
  [
    'pdf-ext',
    anyOf('pdf-ext', '6.7.4', {
      version: STRING,
      is_optimized: BOOLEAN,
      document_info_dict: dictOf(STRING),
      pdfid0: STRING,
      pdfid1: STRING,
    }),
  ],
  ['raster-image-ext', RASTER_IMAGE_EXT],
  [
    'windows-pebinary-ext',
    // "MUST contain at least one property other than the required pe_type property"
    def('windows-pebinary-ext', '6.7.6', PE_BINARY_PROPS, ['pe_type'], Object.keys(PE_BINARY_PROPS).slice(1)),
  ],
]);

/** Predefined Network Traffic extensions (STIX 2.1 §6.12.2–§6.12.5). */
export const NETWORK_TRAFFIC_EXTENSIONS: ReadonlyMap<string, StructDef> = new Map([
  [
    'http-request-ext',
    def(
      'http-request-ext',
      '6.12.2',
      {
        request_method: STRING,
        request_value: STRING,
        request_version: STRING,
        request_header: dictOf(LIST_OF_STRING),
        message_body_length: INTEGER,
        message_body_data_ref: ARTIFACT,
      },
      ['request_method', 'request_value'],
    ),
  ],
  ['icmp-ext', def('icmp-ext', '6.12.3', { icmp_type_hex: HEX, icmp_code_hex: HEX }, ['icmp_type_hex', 'icmp_code_hex'])],
  [
    'socket-ext',
    def(
      'socket-ext',
      '6.12.4',
      {
        address_family: vocab(v.SOCKET_ADDRESS_FAMILY),
        is_blocking: BOOLEAN,
        is_listening: BOOLEAN,
        options: dictOf(INTEGER),
        socket_type: vocab(v.SOCKET_TYPE),
        socket_descriptor: NON_NEGATIVE,
        socket_handle: INTEGER,
      },
      ['address_family'],
    ),
  ],
  ['tcp-ext', anyOf('tcp-ext', '6.12.5', { src_flags_hex: HEX, dst_flags_hex: HEX })],
]);

/** Predefined Process extensions (STIX 2.1 §6.13.2–§6.13.3). */
export const PROCESS_EXTENSIONS: ReadonlyMap<string, StructDef> = new Map([
  [
    'windows-process-ext',
    anyOf('windows-process-ext', '6.13.2', {
      aslr_enabled: BOOLEAN,
      dep_enabled: BOOLEAN,
      priority: STRING,
      owner_sid: STRING,
      // The §6.13.2 table spells it windows_title; the 2.1 schemas and tools use window_title.
      windows_title: STRING,
      window_title: STRING,
      startup_info: dictOf(null),
      integrity_level: vocab(v.WINDOWS_INTEGRITY_LEVEL),
    }),
  ],
  [
    'windows-service-ext',
    anyOf('windows-service-ext', '6.13.3', {
      service_name: STRING,
      descriptions: LIST_OF_STRING,
      display_name: STRING,
      group_name: STRING,
      start_type: vocab(v.WINDOWS_SERVICE_START_TYPE),
      service_dll_refs: listOf(FILE),
      service_type: vocab(v.WINDOWS_SERVICE_TYPE),
      service_status: vocab(v.WINDOWS_SERVICE_STATUS),
    }),
  ],
]);

/** Predefined User Account extension (STIX 2.1 §6.16.2). */
export const USER_ACCOUNT_EXTENSIONS: ReadonlyMap<string, StructDef> = new Map([
  ['unix-account-ext', anyOf('unix-account-ext', '6.16.2', { gid: INTEGER, groups: LIST_OF_STRING, home_dir: STRING, shell: STRING })],
]);

/** Every predefined extension name, whatever SCO type it belongs to. */
export const PREDEFINED_EXTENSION_NAMES: ReadonlySet<string> = new Set([
  ...FILE_EXTENSIONS.keys(),
  ...NETWORK_TRAFFIC_EXTENSIONS.keys(),
  ...PROCESS_EXTENSIONS.keys(),
  ...USER_ACCOUNT_EXTENSIONS.keys(),
]);
