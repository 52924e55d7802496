// Checking what an administrator gives for a peer (issue 5, item 2). Pure: the schemes come in.
import { InvalidInputError } from '../../errors.ts';
import { checkTlp } from '../identity/defaults.ts';
import { levelRank, type SchemeRegistry } from '../markings/classification.ts';
import { keyIdOf, nodeIdentityId, parsePublicKey } from './keys.ts';
import type { InboundPolicy, OutboundPolicy, Peer } from './types.ts';

/** What `peer add` and `peer update` take; absent fields are kept on update, null clears. */
export interface PeerInput {
  url?: string | undefined;
  key?: string | undefined;
  name?: string | undefined;
  orgs?: string[] | undefined;
  countries?: string[] | undefined;
  communities?: string[] | undefined;
  accreditation?: Record<string, string> | undefined;
  outbound?:
    | {
        maxTlp?: string | null | undefined;
        maxClassification?: Record<string, string> | null | undefined;
        communities?: string[] | null | undefined;
        types?: string[] | null | undefined;
        exercises?: string[] | undefined;
      }
    | undefined;
  inbound?: { acceptTypes?: string[] | null | undefined; allowUnsigned?: boolean | undefined } | undefined;
  sync?: boolean | undefined;
  disabled?: boolean | undefined;
}

const COUNTRY = /^[A-Z]{2}$/;
const SLUG = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const TYPE = /^[a-z0-9][a-z0-9-]{1,249}$/;
const ORG = /^identity--[0-9a-f-]{36}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}$/;

function list(field: string, values: string[] | undefined, re: RegExp, hint: string): string[] | undefined {
  if (values === undefined) return undefined;
  for (const v of values) if (!re.test(v)) throw new InvalidInputError(`${field}: "${v}" is not ${hint}`, { field });
  return [...new Set(values)];
}

/** Checks levels per scheme against the registry. */
export function checkLevels(field: string, levels: Record<string, string>, schemes: SchemeRegistry): Record<string, string> {
  for (const [scheme, level] of Object.entries(levels)) {
    const s = schemes.get(scheme);
    if (!s)
      throw new InvalidInputError(
        `${field}: unknown classification scheme "${scheme}"; known: ${schemes
          .all()
          .map((x) => x.id)
          .join(', ')}`,
        { field },
      );
    if (levelRank(s, level) < 0)
      throw new InvalidInputError(`${field}: "${level}" is not a level of ${s.name}: ${s.levels.join(' < ')}`, { field });
  }
  return { ...levels };
}

/** The base URL of a peer: http(s), no query, no trailing slash. */
export function checkPeerUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new InvalidInputError(`"${text}" is not a URL`, { field: 'url' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InvalidInputError('a peer URL is http:// or https://', { field: 'url' });
  if (u.search !== '' || u.hash !== '') throw new InvalidInputError('a peer URL has no query or fragment', { field: 'url' });
  return u.href.replace(/\/+$/, '');
}

function outbound(input: PeerInput['outbound'], current: OutboundPolicy, schemes: SchemeRegistry): OutboundPolicy {
  if (input === undefined) return current;
  const next: { -readonly [K in keyof OutboundPolicy]: OutboundPolicy[K] } = { ...current };
  const set = <K extends keyof OutboundPolicy>(k: K, v: OutboundPolicy[K] | null | undefined): void => {
    if (v === undefined) return;
    if (v === null) delete next[k];
    else next[k] = v;
  };
  set('maxTlp', input.maxTlp === undefined || input.maxTlp === null ? input.maxTlp : checkTlp('outbound.maxTlp', input.maxTlp));
  set('maxClassification', input.maxClassification && checkLevels('outbound.maxClassification', input.maxClassification, schemes));
  if (input.maxClassification === null) delete next.maxClassification;
  set('communities', input.communities === null ? null : list('outbound.communities', input.communities, SLUG, 'a community id'));
  set('types', input.types === null ? null : list('outbound.types', input.types, TYPE, 'a STIX type'));
  set('exercises', list('outbound.exercises', input.exercises, /^\S+$/, 'an exercise id'));
  return next;
}

function inbound(input: PeerInput['inbound'], current: InboundPolicy): InboundPolicy {
  if (input === undefined) return current;
  const acceptTypes =
    input.acceptTypes === null ? undefined : (list('inbound.acceptTypes', input.acceptTypes, TYPE, 'a STIX type') ?? current.acceptTypes);
  return { allowUnsigned: input.allowUnsigned ?? current.allowUnsigned, ...(acceptTypes ? { acceptTypes } : {}) };
}

/** A peer from `input` over `current` (a blank peer when adding); throws InvalidInputError. */
export function applyPeerInput(current: Peer, input: PeerInput, schemes: SchemeRegistry, now: string): Peer {
  const url = input.url !== undefined ? checkPeerUrl(input.url) : current.url;
  if (url === '') throw new InvalidInputError('a peer needs its URL', { field: 'url' });
  const publicKey = input.key !== undefined ? parsePublicKey(input.key) : current.publicKey;
  if (publicKey === '')
    throw new InvalidInputError('a peer needs its public key (--key, as `concord node info` prints it on the peer)', { field: 'key' });
  const keyId = keyIdOf(publicKey);
  const name = input.name ?? (current.name || new URL(url).host);
  if (!NAME.test(name))
    throw new InvalidInputError(`peer name "${name}" must be letters, digits, spaces, '.', '_', ':' or '-'`, { field: 'name' });
  return {
    ...current,
    name,
    url,
    publicKey,
    keyId,
    nodeId: nodeIdentityId(keyId),
    orgs: list('orgs', input.orgs, ORG, 'an organisation identity id') ?? current.orgs,
    countries:
      list(
        'countries',
        input.countries?.map((c) => c.toUpperCase()),
        COUNTRY,
        'an ISO 3166-1 alpha-2 code',
      ) ?? current.countries,
    communities: list('communities', input.communities, SLUG, 'a community id') ?? current.communities,
    accreditation: input.accreditation ? checkLevels('accreditation', input.accreditation, schemes) : current.accreditation,
    outbound: outbound(input.outbound, current.outbound, schemes),
    inbound: inbound(input.inbound, current.inbound),
    sync: input.sync ?? current.sync,
    disabled: input.disabled ?? current.disabled,
    updatedAt: now,
  };
}

/** A peer with nothing set yet. */
export function blankPeer(id: string, now: string): Peer {
  return {
    id,
    name: '',
    url: '',
    publicKey: '',
    keyId: '',
    nodeId: '',
    orgs: [],
    countries: [],
    communities: [],
    accreditation: {},
    outbound: {},
    inbound: { allowUnsigned: false },
    sync: true,
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
}
