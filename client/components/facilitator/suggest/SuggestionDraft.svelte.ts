import type { Result } from "../../../../shared/protocol.js";
import type { Send } from "../../../lib/Facilitation.svelte.js";
import { requestSuggestions, type SuggestScope } from "./suggestApi.js";

/** One suggested group as the facilitator edits it before accepting. */
export interface DraftGroup {
  /** stable within one preview, for keyed lists and focus */
  key: string;
  title: string;
  ideaIds: string[];
}

/** The steps of the "fewer / more groups" control; the middle one is the server's default cut. */
export const GRANULARITY_STEPS = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1] as const;
const DEFAULT_STEP = 4;

/**
 * The preview of suggested clusters: what the server proposed, with the
 * facilitator's renames, ideas left out and groups rejected. Nothing here
 * reaches the board until `accept` or `acceptAll` sends `clusters.apply`.
 */
export class SuggestionDraft {
  groups = $state<DraftGroup[]>([]);
  /** ideas the server found like no other */
  alone = $state.raw<string[]>([]);
  scope = $state<SuggestScope>("unclustered");
  step = $state(DEFAULT_STEP);
  /** a preview is shown (possibly with every group accepted or rejected) */
  open = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  ideaCount = $state(0);

  readonly #token: string;
  readonly #send: Send;
  #request = 0;

  constructor(token: string, send: Send) {
    this.#token = token;
    this.#send = send;
  }

  get mayFewer(): boolean {
    return this.step > 0;
  }

  get mayMore(): boolean {
    return this.step < GRANULARITY_STEPS.length - 1;
  }

  /** Asks for a fresh preview; edits to the previous one are dropped. */
  async suggest(scope: SuggestScope = this.scope, step = DEFAULT_STEP): Promise<boolean> {
    const request = ++this.#request;
    this.loading = true;
    const result = await requestSuggestions(this.#token, scope, GRANULARITY_STEPS[step]);
    // A slower answer to an earlier click must not replace a newer one.
    if (request !== this.#request) return false;
    this.loading = false;
    if (!result.ok) {
      this.error = result.error.message;
      return false;
    }
    this.error = null;
    this.scope = scope;
    this.step = step;
    this.open = true;
    this.ideaCount = result.value.ideaCount;
    this.alone = result.value.alone;
    this.groups = result.value.groups.map((g, i) => ({
      key: `${request}-${i}`,
      title: g.title,
      ideaIds: [...g.ideaIds],
    }));
    return true;
  }

  fewer(): Promise<boolean> {
    return this.mayFewer ? this.suggest(this.scope, this.step - 1) : Promise.resolve(false);
  }

  more(): Promise<boolean> {
    return this.mayMore ? this.suggest(this.scope, this.step + 1) : Promise.resolve(false);
  }

  rename(key: string, title: string): void {
    const group = this.groups.find((g) => g.key === key);
    if (group) group.title = title;
  }

  /** Takes one idea out of a group; a group left empty goes. */
  leaveOut(key: string, ideaId: string): void {
    const group = this.groups.find((g) => g.key === key);
    if (!group) return;
    group.ideaIds = group.ideaIds.filter((id) => id !== ideaId);
    if (group.ideaIds.length === 0) this.reject(key);
  }

  reject(key: string): void {
    this.groups = this.groups.filter((g) => g.key !== key);
  }

  discard(): void {
    this.#request++;
    this.loading = false;
    this.open = false;
    this.groups = [];
    this.alone = [];
  }

  /** Accepts one group: one command, one cluster. `onBoard` drops ideas that left meanwhile. */
  accept(key: string, onBoard: (ideaId: string) => boolean): Promise<Result<unknown>> {
    return this.#apply(
      this.groups.filter((g) => g.key === key),
      onBoard,
    );
  }

  /** Accepts every group left in the preview: one command, so one undo and one audit entry. */
  acceptAll(onBoard: (ideaId: string) => boolean): Promise<Result<unknown>> {
    return this.#apply(this.groups, onBoard);
  }

  async #apply(
    chosen: DraftGroup[],
    onBoard: (ideaId: string) => boolean,
  ): Promise<Result<unknown>> {
    const groups = chosen
      .map((g) => ({
        title: g.title.trim() || "Suggested cluster",
        ideaIds: g.ideaIds.filter(onBoard),
      }))
      .filter((g) => g.ideaIds.length > 0);
    if (groups.length === 0) {
      this.groups = this.groups.filter((g) => !chosen.includes(g));
      return { ok: true, value: { moved: 0 } };
    }
    const keys = chosen.map((g) => g.key);
    const result = await this.#send("clusters.apply", { groups });
    if (result.ok) this.groups = this.groups.filter((g) => !keys.includes(g.key));
    return result;
  }
}
