// Saved searches (issue 15, must 5): a user saves the Explorer's query under a name, lists,
// opens and deletes their own. The repository is keyed by user, so another user's search is
// answered exactly as one that does not exist.
import { randomUUID } from 'node:crypto';
import { authorize } from '../domain/access/permissions.ts';
import type { SavedSearch } from '../domain/explorer/types.ts';
import type { Principal, UserPrincipal } from '../domain/identity/principal.ts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { SavedSearchRepo } from '../store/repositories.ts';

/** At most this many per user: the list is shown whole. */
const MAX_PER_USER = 200;

function userOf(p: Principal): UserPrincipal {
  if (p.kind !== 'user') throw new ForbiddenError('saved searches belong to users');
  return p;
}

export class SavedSearchService {
  private readonly repo: SavedSearchRepo;

  constructor(deps: { savedSearches: SavedSearchRepo }) {
    this.repo = deps.savedSearches;
  }

  /** The principal's own saved searches, by name. */
  async list(principal: Principal): Promise<SavedSearch[]> {
    authorize(principal, 'saved-search.read');
    return this.repo.list(userOf(principal).user.id);
  }

  /** Saves the Explorer's query string under a name. */
  async save(principal: Principal, input: { name: string; query: string }, now = new Date()): Promise<SavedSearch> {
    authorize(principal, 'saved-search.manage');
    const user = userOf(principal).user.id;
    const name = input.name.trim();
    if (name === '') throw new InvalidInputError('name must not be blank', { field: 'name' });
    const query = input.query.replace(/^\?/, '');
    if ((await this.repo.list(user)).length >= MAX_PER_USER)
      throw new InvalidInputError(`at most ${MAX_PER_USER} saved searches per user`, { field: 'name' });
    const saved: SavedSearch = { id: randomUUID(), name, query, createdAt: now.toISOString() };
    await this.repo.create(user, saved);
    return saved;
  }

  /** Deletes one of the principal's own searches; another user's answers 404. */
  async remove(principal: Principal, id: string): Promise<void> {
    authorize(principal, 'saved-search.manage');
    if (!(await this.repo.remove(userOf(principal).user.id, id))) throw new NotFoundError(`saved search ${id}`);
  }
}
