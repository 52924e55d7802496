// The organisations a rapid-response read names (issue 18): a proposal over 10,000 profiles of
// 200 organisations, a board, a deployment's members. Read once and kept while the directory is
// unchanged (state-changes: the store counts the directory's commits, in every process), so that
// a read does not ask the store for each organisation (the p95 target of 200 ms).
import type { Org } from '../domain/identity/types.ts';
import type { OrgRepo, StateWatch } from '../store/repositories.ts';

export interface OrgDirectoryDeps {
  orgs: Pick<OrgRepo, 'listOrgs'>;
  /** Absent: read again on every call (tests without a state watch). */
  state?: StateWatch;
}

/** The node's directory of organisations, cached per directory version. */
export class OrgDirectory {
  private readonly deps: OrgDirectoryDeps;
  private held: { version: number; orgs: Promise<Map<string, Org>> } | undefined;

  constructor(deps: OrgDirectoryDeps) {
    this.deps = deps;
  }

  /** Every organisation the node knows (its own and its peers'), by id. */
  async all(): Promise<Map<string, Org>> {
    const version = this.deps.state === undefined ? -1 : (await this.deps.state.versions()).directory;
    if (this.held === undefined || version === -1 || this.held.version !== version) {
      const orgs = this.deps.orgs.listOrgs().then((list) => new Map(list.map((o) => [o.id, o])));
      this.held = { version, orgs };
      orgs.catch(() => {
        if (this.held?.orgs === orgs) this.held = undefined;
      });
    }
    return this.held.orgs;
  }

  /** `{ id, name }` of an organisation, its id standing for the name when it is not known here. */
  async ref(id: string): Promise<{ id: string; name: string }> {
    return { id, name: (await this.all()).get(id)?.name ?? id };
  }
}
