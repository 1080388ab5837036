/**
 * Conversation and user state that save with the eTag they read. botbuilder's BotState always writes
 * with eTag `'*'` (last writer wins), so two instances answering the same conversation at once would
 * silently overwrite each other. These subclasses keep the eTag of the item they loaded and write with
 * it (or with {@link createOnlyETag} for a conversation seen for the first time); a turn that lost the
 * race gets a {@link StateConflictError} from `saveChanges` (see conflictRetry.ts for what happens next).
 */
import { ConversationState, UserState, type BotState, type Storage, type StoreItems, type TurnContext } from 'botbuilder';
import { createOnlyETag } from '../../infra/storage/stateStorage';

type StateObject = Record<string, unknown>;

interface CachedState {
  state: StateObject;
  /** The state as loaded or last saved, as JSON without its eTag ({@link snapshot}). */
  saved: string;
  /** The eTag of the stored item this state came from; undefined when nothing was stored. */
  eTag: string | undefined;
}

/** The state operations that differ from botbuilder's, shared by both state kinds. */
class ETagStateCache {
  private readonly cacheKey = Symbol('eTagBotState');

  constructor(
    private readonly storage: Storage,
    private readonly storageKey: (context: TurnContext) => string,
  ) {}

  private cached(context: TurnContext): CachedState | undefined {
    const value: unknown = context.turnState.get(this.cacheKey);
    return isCachedState(value) ? value : undefined;
  }

  async load(context: TurnContext, force: boolean): Promise<StateObject> {
    const cached = this.cached(context);
    if (cached && !force) return cached.state;
    const key = this.storageKey(context);
    const stored: unknown = (await this.storage.read([key]))[key];
    const state: StateObject = isStateObject(stored) ? stored : {};
    const eTag = typeof state['eTag'] === 'string' ? state['eTag'] : undefined;
    context.turnState.set(this.cacheKey, { state, saved: snapshot(state), eTag } satisfies CachedState);
    return state;
  }

  /** Saves the state (when changed, or `force`) — together with `alongside`, in one write, when given. */
  async save(context: TurnContext, force: boolean, alongside?: StoreItems): Promise<void> {
    const cached = this.cached(context);
    if (!force && (!cached || cached.saved === snapshot(cached.state))) return;
    const entry: CachedState = cached ?? { state: {}, saved: '', eTag: undefined };
    const key = this.storageKey(context);
    const written = entry.eTag ?? createOnlyETag;
    entry.state['eTag'] = written;
    await this.storage.write({ ...alongside, [key]: entry.state });
    // Our stores report the new eTag on the written item; for any other store, read it back.
    let eTag = entry.state['eTag'];
    if (eTag === written) {
      const stored: unknown = (await this.storage.read([key]))[key];
      eTag = isStateObject(stored) ? stored['eTag'] : undefined;
    }
    entry.eTag = typeof eTag === 'string' ? eTag : undefined;
    entry.state['eTag'] = entry.eTag;
    entry.saved = snapshot(entry.state);
    context.turnState.set(this.cacheKey, entry);
  }

  clear(context: TurnContext): void {
    // Keeps the eTag: clearing is a change like any other and must not overwrite a newer save.
    context.turnState.set(this.cacheKey, { state: {}, saved: '', eTag: this.cached(context)?.eTag } satisfies CachedState);
  }

  async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([this.storageKey(context)]);
  }

  forget(context: TurnContext): void {
    context.turnState.delete(this.cacheKey);
  }

  get(context: TurnContext): StateObject | undefined {
    return this.cached(context)?.state;
  }
}

/** State that can drop its cached copy, so a retried turn reads the stored state again. */
export interface ReloadableState {
  /** Drops this turn's cached state without touching storage. */
  forgetCached(context: TurnContext): void;
  /** The storage key of this state for the turn's activity. */
  getStorageKey(context: TurnContext): string | undefined;
}

/**
 * A botbuilder state class keyed per turn (ConversationState, UserState), constructed with
 * `(storage, namespace)`; `any[]` as TypeScript requires of a mixin's base.
 */
type KeyedStateClass = new (...args: any[]) => BotState & {
  getStorageKey(context: TurnContext): string | undefined;
};

/**
 * `Base` with the eTag logic of {@link ETagStateCache}: the one state class body, for both kinds (the
 * kinds differ only in their storage key, which `Base` gives).
 */
function withETags<Base extends KeyedStateClass>(base: Base) {
  abstract class ETagState extends base implements ReloadableState {
    /** This state's loads and saves. */
    protected readonly cache: ETagStateCache;

    // A mixin's constructor must take `any[]` (TypeScript's rule for mixin classes).
    constructor(...args: any[]) {
      const [storage, namespace] = args as [Storage, string | undefined];
      super(storage, namespace ?? '');
      this.cache = new ETagStateCache(storage, (context) => requireKey(this.getStorageKey(context)));
    }

    override load(context: TurnContext, force = false): Promise<StateObject> {
      return this.cache.load(context, force);
    }
    override saveChanges(context: TurnContext, force = false): Promise<void> {
      return this.cache.save(context, force);
    }
    override clear(context: TurnContext): Promise<void> {
      this.cache.clear(context);
      return Promise.resolve();
    }
    override delete(context: TurnContext): Promise<void> {
      return this.cache.delete(context);
    }
    override get(context: TurnContext): StateObject | undefined {
      return this.cache.get(context);
    }
    forgetCached(context: TurnContext): void {
      this.cache.forget(context);
    }
  }
  return ETagState;
}

/** ConversationState that saves with the eTag it read. */
export class ETagConversationState extends withETags(ConversationState) {
  /** Creates the state on `storage` (keys as ConversationState's, under `namespace`). */
  constructor(storage: Storage, namespace = '') {
    super(storage, namespace);
  }

  /**
   * Saves the conversation's state and `items` in one write (all or nothing, each with its eTag rule):
   * a record that belongs to the conversation is stored only if the state it was made from is still the
   * stored one — not after "forget me" deleted it, nor after another instance changed it (then
   * StateConflictError, and the turn runs again).
   */
  saveChangesWith(context: TurnContext, items: StoreItems): Promise<void> {
    return this.cache.save(context, true, items);
  }
}

/** UserState that saves with the eTag it read. */
export class ETagUserState extends withETags(UserState) {
  /** Creates the state on `storage` (keys as UserState's, under `namespace`). */
  constructor(storage: Storage, namespace = '') {
    super(storage, namespace);
  }
}

function requireKey(key: string | undefined): string {
  if (!key) throw new Error('eTagBotState: the activity has no channel or conversation to key the state by');
  return key;
}

function isStateObject(value: unknown): value is StateObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCachedState(value: unknown): value is CachedState {
  return isStateObject(value) && isStateObject(value['state']) && typeof value['saved'] === 'string';
}

/**
 * The state as JSON without its eTag: what decides whether a save is needed. (botbuilder's
 * `calculateChangeHash` does the same with a circular-safe stringify and a SHA-256; state is stored as
 * JSON, so plain JSON serves and costs far less on every turn.)
 */
function snapshot(state: StateObject): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}
