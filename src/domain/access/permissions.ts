// "May this principal do X": every action a service offers, against every role, with the scope
// each role holds it in (CONVENTIONS.md, Permissions in one place: outline's policies, immich's
// requireAccess). Every service calls authorize() (or allowed(), where a refusal must read as a
// missing record) at entry; no service or route writes its own role check. What a reader may see
// of each object is the access policy's (policy.ts); who may read or write a TAXII collection is
// collection-grants.ts; what may leave to a peer is peer-egress.ts. test/http.authz.test.ts checks
// the HTTP authorization matrix against this table.
import { ForbiddenError } from '../../errors.ts';
import { ROLES, type Role } from './types.ts';

/** How far a role's permission reaches: the whole node, or the holder's own organisation. */
export type Scope = 'node' | 'own-org';

/** One row of the table. */
export interface Permission {
  /** The roles that hold the action, each with its scope; a role not listed is refused. */
  readonly grants: Readonly<Partial<Record<Role, Scope>>>;
  /** Whether the action changes anything: read-only API tokens are then refused, whatever the role. */
  readonly mutates: boolean;
  /** What a refused caller is told. */
  readonly refusal: string;
  /** A capability a later issue builds: refused to every user until it fills the row in. */
  readonly planned?: true;
}

const EVERY_ROLE = { admin: 'node', 'org-admin': 'node', analyst: 'node', coordinator: 'node', viewer: 'node' } as const;
const NODE_ADMIN = { admin: 'node' } as const;
const NODE_ADMINS = 'node administrators';

/**
 * The table. Rows marked `planned` stand for the capabilities of the coming issues (incidents,
 * sightings and alerts, assistance, exercises, MISP); their grants are the intended ones, and
 * they take effect when the issue that builds the capability removes `planned`.
 */
export const PERMISSIONS = {
  // Objects. What each object shows a reader is the access policy's (policy.ts).
  'object.read': { grants: EVERY_ROLE, mutates: false, refusal: 'your roles may not read objects' },
  /** Upload, TAXII add, quarantine retry: every role but viewer, for the user's own organisation
   *  (node administrators too); the access policy then decides object by object. */
  'object.import': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', analyst: 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: 'viewers cannot import',
  },
  /** New versions and revocations: only the owning organisation's writers (issue 3, item 5). */
  'object.write': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', analyst: 'own-org' },
    mutates: true,
    refusal: "only writers of the object's organisation may publish new versions of it",
  },
  /** Sightings, notes and opinions on objects one may read (issue 3, item 5). */
  'object.annotate': {
    grants: { admin: 'node', 'org-admin': 'node', analyst: 'node', coordinator: 'node' },
    mutates: true,
    refusal: 'your roles may not add sightings, notes or opinions',
  },
  /** Withdrawing objects this node originated (issue 5, item 6). */
  'retraction.create': {
    grants: { admin: 'node', 'org-admin': 'own-org', analyst: 'own-org' },
    mutates: true,
    refusal: "your roles may not retract objects; their organisation's analysts and administrators may",
  },
  /** Import jobs and their progress. */
  'import.read': {
    grants: { admin: 'node', 'org-admin': 'own-org', analyst: 'own-org', coordinator: 'own-org', viewer: 'own-org' },
    mutates: false,
    refusal: "only the organisation's members may follow its imports",
  },
  'dashboard.read': { grants: EVERY_ROLE, mutates: false, refusal: 'your roles may not read the dashboard' },

  // Who uses the node.
  'org.administer': { grants: NODE_ADMIN, mutates: true, refusal: `only ${NODE_ADMINS} may add or change organisations` },
  'community.administer': { grants: NODE_ADMIN, mutates: true, refusal: `only ${NODE_ADMINS} may add or change communities` },
  'sharing-group.manage': {
    grants: { admin: 'node', 'org-admin': 'own-org' },
    mutates: true,
    refusal: 'only administrators of the owning organisation may add or change its sharing groups',
  },
  /** Every sharing group, member or not (others know only the groups their organisation is in). */
  'sharing-group.read-all': { grants: NODE_ADMIN, mutates: false, refusal: `only ${NODE_ADMINS} may see every sharing group` },
  /** A group adopted from a peer: its origin node manages it; here it can only be disabled. */
  'sharing-group.disable-foreign': {
    grants: NODE_ADMIN,
    mutates: true,
    refusal: `only ${NODE_ADMINS} may disable a sharing group managed on another node`,
  },
  /** Users' records (everyone reads their own). */
  'user.read': { grants: { admin: 'node', 'org-admin': 'own-org' }, mutates: false, refusal: 'only administrators may read other users' },
  'user.administer': {
    grants: { admin: 'node', 'org-admin': 'own-org' },
    mutates: true,
    refusal: "only administrators of the user's organisation may add or change its users",
  },
  /** Changing a holder of `admin`, or granting it: otherwise an org-admin could take over the node. */
  'user.administer-admin': { grants: NODE_ADMIN, mutates: true, refusal: `only ${NODE_ADMINS} may change a node administrator` },
  /** Other users' API tokens (everyone manages their own). */
  'token.read-any': { grants: NODE_ADMIN, mutates: false, refusal: `only ${NODE_ADMINS} may see other users' tokens` },
  'token.administer': { grants: NODE_ADMIN, mutates: true, refusal: `only ${NODE_ADMINS} may create tokens for other users` },

  // Node administration.
  /** TAXII collections' configuration; who reads and writes each is collection-grants.ts. */
  'collection.settings.read': { grants: NODE_ADMIN, mutates: false, refusal: `only ${NODE_ADMINS} configure collections` },
  'collection.administer': { grants: NODE_ADMIN, mutates: true, refusal: `only ${NODE_ADMINS} configure collections` },
  'feed.read': { grants: NODE_ADMIN, mutates: false, refusal: `feeds are administered by ${NODE_ADMINS}` },
  'feed.manage': { grants: NODE_ADMIN, mutates: true, refusal: `feeds are administered by ${NODE_ADMINS}` },
  'peer.read': { grants: NODE_ADMIN, mutates: false, refusal: `peers are administered by ${NODE_ADMINS}` },
  'peer.manage': { grants: NODE_ADMIN, mutates: true, refusal: `peers are administered by ${NODE_ADMINS}` },
  /** It names users, addresses and what they read. */
  'audit.read': { grants: NODE_ADMIN, mutates: false, refusal: `only ${NODE_ADMINS} may read the audit log` },
  /** Raw input that could not be labelled: no access label can protect it. */
  'quarantine.read': { grants: NODE_ADMIN, mutates: false, refusal: `only ${NODE_ADMINS} may read the quarantine` },
  'quarantine.retry': { grants: NODE_ADMIN, mutates: true, refusal: `only ${NODE_ADMINS} may read the quarantine` },

  // Coming capabilities (DESIGN.md, Capabilities): rows to fill in by the issues that build them.
  // Incidents and NIS2 reporting (issue 16). What each incident shows a reader is the access
  // policy's: an entity's incidents go to its constituency group (domain/incidents/constituency.ts).
  'incident.read': { grants: EVERY_ROLE, mutates: false, refusal: 'your roles may not read incidents' },
  /** Open incidents, change them, add their events, tasks, impacts, links and notes, submit NIS2
   *  reports: writers of the organisation that owns the incident (or of its CSIRT, for work). */
  'incident.manage': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', analyst: 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: "only the organisation's analysts, coordinators and administrators may open and work on its incidents",
  },
  /** A CSIRT's feedback on a report and its requests for an intermediate report (NIS2 Art. 23(4)(c), 23(5)). */
  'incident.answer': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', analyst: 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: "only the CSIRT's analysts, coordinators and administrators may answer its constituency's reports",
  },
  /** Cross-border shares and handovers (must 6): a coordinating decision, not an analyst's. */
  'incident.share': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: "only the CSIRT's coordinators and administrators may share or hand over an incident",
  },
  /** The quarterly summary for ENISA (Art. 23(9)): counts of what the reader may read. */
  'incident.summary': {
    grants: { admin: 'node', 'org-admin': 'own-org', coordinator: 'own-org', analyst: 'own-org' },
    mutates: false,
    refusal: 'only analysts, coordinators and administrators may compile the quarterly summary',
  },
  /** Each user's own in-app notifications (must 7). */
  'notification.read': { grants: EVERY_ROLE, mutates: false, refusal: 'your roles may not read notifications' },
  'notification.manage': { grants: EVERY_ROLE, mutates: true, refusal: 'your roles may not mark notifications read' },
  /** Recording sightings (issue 17, must 1) of objects the caller may read, for its own
   *  organisation: one, from a page or a lookup, or a batch of observed values. */
  'sighting.create': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', analyst: 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: "only the organisation's analysts, coordinators and administrators may record its sightings",
  },
  /** Collective-threat alerts (must 4); what each alert shows is the access policy's. */
  'alert.read': { grants: EVERY_ROLE, mutates: false, refusal: 'your roles may not read alerts' },
  /** Alert rules are set per community by its coordinators (must 4): the service also requires
   *  the caller's organisation to be in the rule's community (domain/alerts), node administrators
   *  excepted. */
  'alert.rule.manage': {
    grants: { admin: 'node', coordinator: 'node' },
    mutates: true,
    refusal: "only a community's coordinators may set its alert rules",
  },
  /** Decay models (must 6) apply to every indicator of the node. */
  'decay.manage': { grants: NODE_ADMIN, mutates: true, refusal: `only ${NODE_ADMINS} may change decay models` },
  // Rapid response (issue 18). What each request, offer, deployment and profile shows a reader is
  // the access policy's: offers and deployments go to sharing groups of the organisations concerned.
  'assistance.read': { grants: EVERY_ROLE, mutates: false, refusal: 'your roles may not read assistance requests' },
  /** Ask for help, change, withdraw or close the request, accept or decline offers, form and run
   *  the deployment and write its after-action report: a coordinating decision of the requester. */
  'assistance.request': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: "only the organisation's coordinators and administrators may ask for assistance and decide on offers",
  },
  /** Offer the organisation's experts for a request, or withdraw the offer. */
  'assistance.respond': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: "only the organisation's coordinators and administrators may offer its experts",
  },
  /** A deployment's tasks and daily status notes, by its members' organisations. */
  'deployment.work': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', analyst: 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: "only analysts, coordinators and administrators of the deployment's organisations may record its work",
  },
  /** The roster names people (must 2): only the organisation's own staff read it. */
  'roster.read': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', analyst: 'own-org', coordinator: 'own-org' },
    mutates: false,
    refusal: "only the organisation's analysts, coordinators and administrators may read its roster",
  },
  'roster.manage': {
    grants: { admin: 'own-org', 'org-admin': 'own-org', coordinator: 'own-org' },
    mutates: true,
    refusal: "only the organisation's coordinators and administrators may change its roster",
  },
  'exercise.play': { grants: EVERY_ROLE, mutates: true, refusal: 'exercises are not available yet', planned: true },
  'exercise.direct': { grants: NODE_ADMIN, mutates: true, refusal: 'exercises are not available yet', planned: true },
  'misp.import': {
    grants: { admin: 'node', 'org-admin': 'node', analyst: 'node', coordinator: 'node' },
    mutates: true,
    refusal: 'MISP import is not available yet',
    planned: true,
  },
  'misp.export': { grants: EVERY_ROLE, mutates: false, refusal: 'MISP export is not available yet', planned: true },

  // The Explorer (issue 15, must 5): each user's own saved searches; no one sees another's.
  'saved-search.read': { grants: EVERY_ROLE, mutates: false, refusal: 'your roles may not use saved searches' },
  'saved-search.manage': { grants: EVERY_ROLE, mutates: true, refusal: 'your roles may not save searches' },
} as const satisfies Record<string, Permission>;

/** Everything a service may be asked to do. */
export type Action = keyof typeof PERMISSIONS;

/** Every action, in table order. */
export const ACTIONS: readonly Action[] = Object.keys(PERMISSIONS) as Action[];

/** The row of `action`. */
export function permission(action: Action): Permission {
  return PERMISSIONS[action];
}

/** Who asks, as far as the table needs: the node's command line, or a user with roles, an
 *  organisation and a token scope (a Principal is one). */
export type Subject =
  | { readonly kind: 'system' }
  | {
      readonly kind: 'user';
      readonly user: { readonly roles: readonly Role[] };
      readonly org: { readonly id: string };
      /** `read` for a read-only API token. */
      readonly scope: 'read' | 'read-write';
    };

/** What an own-organisation permission is checked against: the organisation that owns it. */
export interface Resource {
  readonly orgId: string;
}

/**
 * How far the subject's roles reach for `action`: 'node', 'own-org', or null (no role holds it).
 * Token scope is not considered (see allowed()); list methods use it to decide what to list.
 */
export function reach(subject: Subject, action: Action): Scope | null {
  if (subject.kind === 'system') return 'node';
  const row: Permission = PERMISSIONS[action];
  if (row.planned) return null;
  let out: Scope | null = null;
  for (const role of subject.user.roles) {
    const scope = row.grants[role];
    if (scope === 'node') return 'node';
    if (scope === 'own-org') out = 'own-org';
  }
  return out;
}

/** Whether the subject may change anything at all: not through a read-only token. */
export function mayMutate(subject: Subject): boolean {
  return subject.kind === 'system' || subject.scope === 'read-write';
}

/**
 * Whether `subject` may do `action` (on `resource`, for an own-organisation scope; without one,
 * whether it may do it for some organisation). The system principal (the command line) may do
 * everything.
 */
export function allowed(subject: Subject, action: Action, resource?: Resource): boolean {
  return refusal(subject, action, resource) === undefined;
}

/** Throws ForbiddenError (403, ACCESS_DENIED) unless `subject` may do `action` (see allowed()). */
export function authorize(subject: Subject, action: Action, resource?: Resource): void {
  const why = refusal(subject, action, resource);
  if (why !== undefined) throw new ForbiddenError(why);
}

function refusal(subject: Subject, action: Action, resource: Resource | undefined): string | undefined {
  if (subject.kind === 'system') return undefined;
  const row: Permission = PERMISSIONS[action];
  const scope = reach(subject, action);
  if (scope === null || (scope === 'own-org' && resource !== undefined && resource.orgId !== subject.org.id)) return row.refusal;
  if (row.mutates && !mayMutate(subject)) return 'this API token is read-only';
  return undefined;
}

/** The roles that hold `action` in any scope, in ROLES order. */
export function rolesFor(action: Action): Role[] {
  const row: Permission = PERMISSIONS[action];
  return ROLES.filter((r) => row.grants[r] !== undefined);
}
