// The rapid-response services as the HTTP routes, the command line and the jobs call them
// (issue 18). Every method authorizes at entry (domain/access/permissions.ts) and reads through
// the access policy; `orgId` lets the node's command line act for a named organisation.
import type {
  AfterActionInput,
  AfterActionView,
  BoardColumn,
  BoardPage,
  DecisionInput,
  DeploymentUpdate,
  DeploymentView,
  ExpertInput,
  ExpertView,
  NewDeployment,
  NewOffer,
  NewRequest,
  NewStatusNote,
  NewTask,
  OfferView,
  ProfileView,
  Proposal,
  RequestUpdate,
  RequestView,
  StatusNoteView,
  TaskUpdate,
  TaskView,
} from '../domain/assistance/api.ts';
import type { Principal } from '../domain/identity/principal.ts';

/** One page of the requests board: a DTO like the others, in the domain's api.ts (the web UI reads it). */
export type { BoardPage } from '../domain/assistance/api.ts';

export interface BoardQuery {
  column?: BoardColumn;
  /** Only requests of the reader's organisation (as requester or coordinator), or that it offered to. */
  mine?: boolean;
  limit?: number;
  after?: string;
}

/** Requests, offers and decisions (must 1, 4, 5). */
export interface RequestsApi {
  board(p: Principal, q: BoardQuery): Promise<BoardPage>;
  /** 404 (NOT_FOUND, as for a missing object) when the reader may not read it. */
  get(p: Principal, id: string): Promise<RequestView>;
  ask(p: Principal, input: NewRequest, orgId?: string): Promise<RequestView>;
  /** A new version; `status` withdraws or closes. Only the requester. */
  update(p: Principal, id: string, input: RequestUpdate): Promise<RequestView>;
  /** Offers experts of the caller's organisation (or `orgId`, for the command line). */
  offer(p: Principal, requestId: string, input: NewOffer, orgId?: string): Promise<OfferView>;
  withdrawOffer(p: Principal, offerId: string): Promise<OfferView>;
  /** The requester accepts or declines an offer; refused on a withdrawn or closed request. */
  decide(p: Principal, offerId: string, input: DecisionInput): Promise<OfferView>;
  /** Waits until the projection holds what the store holds (tests, the command line). */
  catchUp(): Promise<void>;
  /** Called with the ids of requests whose picture changed, whoever may read them (system use). */
  onChanged(listener: (requestIds: string[]) => void): () => void;
  /** The live stream: called with the ids of changed requests `p` may read (none: not called). */
  subscribe(p: Principal, listener: (requestIds: string[]) => void): () => void;
  close(): Promise<void>;
}

/** Matching (must 3): proposals from the pseudonymous profiles the reader may read. */
export interface MatchingApi {
  /** For the requester or coordinator: every organisation that may answer. With `own`, only the
   *  caller's organisation's experts (an offering organisation ranking its roster). */
  propose(p: Principal, requestId: string, options?: { own?: boolean }): Promise<Proposal>;
  /** Profiles the reader may read (partners' pseudonymous experts). */
  profiles(p: Principal, q: { org?: string; skill?: string; limit?: number }): Promise<ProfileView[]>;
}

/** Deployments and their work (must 4, 6). */
export interface DeploymentsApi {
  deploy(p: Principal, requestId: string, input: NewDeployment): Promise<DeploymentView>;
  get(p: Principal, id: string): Promise<DeploymentView>;
  update(p: Principal, id: string, input: DeploymentUpdate): Promise<DeploymentView>;
  addNote(p: Principal, deploymentId: string, input: NewStatusNote, orgId?: string): Promise<StatusNoteView>;
  addTask(p: Principal, deploymentId: string, input: NewTask, orgId?: string): Promise<TaskView>;
  updateTask(p: Principal, deploymentId: string, taskId: string, input: TaskUpdate): Promise<TaskView>;
  report(p: Principal, deploymentId: string, input: AfterActionInput): Promise<AfterActionView>;
}

/** Each organisation's roster (must 2). */
export interface RosterApi {
  list(p: Principal, orgId?: string): Promise<ExpertView[]>;
  get(p: Principal, id: string, orgId?: string): Promise<ExpertView>;
  add(p: Principal, input: ExpertInput, orgId?: string): Promise<ExpertView>;
  update(p: Principal, id: string, input: Partial<ExpertInput>, orgId?: string): Promise<ExpertView>;
  remove(p: Principal, id: string, orgId?: string): Promise<void>;
}

/** Rapid response's services, spread into Services (index.ts) as `assistance`. */
export interface AssistanceServices {
  requests: RequestsApi;
  matching: MatchingApi;
  deployments: DeploymentsApi;
  roster: RosterApi;
}
