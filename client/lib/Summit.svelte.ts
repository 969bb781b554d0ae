import type { CommandPayload } from "../../shared/commands.js";
import { fail, type CommandError, type ErrorCode, type Result } from "../../shared/protocol.js";
import { postCommand } from "./api.js";
import {
  createdWorkshops,
  forgetSummit,
  knownSummits,
  organiserKey,
  rememberSummit,
  storeCreatedWorkshops,
  storeOrganiserKey,
  type CreatedWorkshop,
  type KnownSummit,
} from "./storage.js";
import {
  fetchExport,
  fetchSummit,
  type ExportFile,
  type SummitInfo,
  type SummitListing,
  type SummitWorkshop,
} from "./summitApi.js";

/** How the organiser's summit is doing, for the pages to show. */
export type SummitStatus =
  | { state: "loading" }
  | { state: "ready" }
  /** the key opens nothing (mistyped, replaced, or its summit was deleted) */
  | { state: "refused"; code: ErrorCode; message: string }
  | { state: "unreachable"; message: string }
  /** deleted from this page; `next` is the key of another summit this browser holds */
  | { state: "deleted"; name: string; next: string | null };

/** A workshop of the summit, with its secret links when this browser holds them. */
export interface OrganiserWorkshop extends SummitWorkshop {
  /**
   * Known only where the workshop was created or its links last made: the
   * server keeps hashes. Null elsewhere, until "New links".
   */
  links: { facilitatorToken: string; projectorToken: string } | null;
}

/** What the summit changes: name, date and venue (null clears the date or venue). */
export type SummitChanges = CommandPayload<"summit.update">;

/** The server calls a Summit makes; tests pass fakes. */
export interface SummitApi {
  fetchSummit: typeof fetchSummit;
  fetchExport: typeof fetchExport;
  postCommand: typeof postCommand;
}

const API: SummitApi = { fetchSummit, fetchExport, postCommand };

/** Refusals that mean the key itself no longer works. */
const KEY_REFUSED: readonly ErrorCode[] = ["unauthenticated", "forbidden"];

/** The organiser's words for refusals whose general message speaks to someone else. */
const ORGANISER_MESSAGES: Partial<Record<ErrorCode, string>> = {
  unauthenticated:
    "This organiser key does not open any summit. The summit may have been deleted, or the key was mistyped or belongs to another installation.",
  forbidden: "This key is not an organiser key. Open the organiser link you were given.",
  archived: "This summit is archived: reopen it on the Summit page to change it.",
};

/** What to tell the organiser about a refusal. */
export function organiserMessage(error: CommandError): string {
  return ORGANISER_MESSAGES[error.code] ?? error.message;
}

/**
 * The summit an organiser key opens, as the organiser pages see it: its
 * details, its workshops with the links this browser keeps, and every
 * change an organiser makes (commands over REST, which answer once the
 * change is durable). Each method resolves with the server's Result; the
 * state it shows changes only when the server said yes.
 */
export class Summit {
  readonly key: string;
  readonly #api: SummitApi;
  #status = $state.raw<SummitStatus>({ state: "loading" });
  #info = $state.raw<SummitInfo | null>(null);
  #listed = $state.raw<SummitWorkshop[]>([]);
  #stored = $state.raw<CreatedWorkshop[]>(createdWorkshops());
  #loading: Promise<void> | null = null;

  constructor(key: string, api: SummitApi = API) {
    this.key = key;
    this.#api = api;
  }

  get status(): SummitStatus {
    return this.#status;
  }

  /** the summit's details, or null until loaded */
  get info(): SummitInfo | null {
    return this.#info;
  }

  get archived(): boolean {
    return this.#info?.archived ?? false;
  }

  /**
   * every workshop, in the order they were created. Computed on each read,
   * not $derived: a Summit outlives the page that first opened it, and a
   * derived would stop updating with that page.
   */
  get workshops(): OrganiserWorkshop[] {
    return this.#listed.map((workshop) => {
      const stored = this.#stored.find((s) => s.workshopId === workshop.id);
      return {
        ...workshop,
        links: stored
          ? { facilitatorToken: stored.facilitatorToken, projectorToken: stored.projectorToken }
          : null,
      };
    });
  }

  /** Loads the summit again; concurrent calls share one request. */
  refresh(): Promise<void> {
    this.#loading ??= this.#load().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #load(): Promise<void> {
    const result = await this.#api.fetchSummit(this.key);
    if (this.#status.state === "deleted") return;
    if (result.ok) {
      this.#show(result.value);
      return;
    }
    if (result.error.code === "unreachable") {
      // Keep showing what was loaded; say so only when there is nothing to show.
      if (!this.#info) this.#status = { state: "unreachable", message: result.error.message };
      return;
    }
    this.#refuse(result.error);
  }

  #show({ summit, workshops }: SummitListing): void {
    this.#info = summit;
    this.#listed = workshops;
    this.#status = { state: "ready" };
    rememberSummit(this.key, summit.name);
  }

  #refuse(error: CommandError): void {
    this.#status = { state: "refused", code: error.code, message: organiserMessage(error) };
  }

  /** Sends one organiser command; a refusal of the key itself shows on every page. */
  async #send<T extends Parameters<typeof postCommand>[1]>(
    type: T,
    payload: CommandPayload<T>,
  ): ReturnType<typeof postCommand<T>> {
    const result = await this.#api.postCommand(this.key, type, payload);
    if (!result.ok && KEY_REFUSED.includes(result.error.code)) this.#refuse(result.error);
    return result;
  }

  /** [G1] Changes the name, date or venue. */
  async update(changes: SummitChanges): Promise<Result<unknown>> {
    const result = await this.#send("summit.update", changes);
    if (result.ok && this.#info) {
      const { name, date, venue } = changes;
      this.#info = {
        ...this.#info,
        ...(name !== undefined ? { name } : {}),
        ...(date !== undefined ? { date } : {}),
        ...(venue !== undefined ? { venue } : {}),
      };
      rememberSummit(this.key, this.#info.name);
    }
    return result;
  }

  /** [G2] Closes the summit read-only, or opens it again. */
  async setArchived(archived: boolean): Promise<Result<unknown>> {
    const result = await this.#send("summit.archive", { archived });
    if (result.ok && this.#info) this.#info = { ...this.#info, archived };
    return result;
  }

  /** [G3] Deletes the summit with everything in it; this browser forgets its key and links. */
  async remove(): Promise<Result<unknown>> {
    const result = await this.#send("summit.delete", {});
    if (result.ok) {
      const gone = this.#listed.map((w) => w.id);
      this.#keepLinks(this.#stored.filter((s) => !gone.includes(s.workshopId)));
      const next = forgetSummit(this.key);
      this.#status = { state: "deleted", name: this.#info?.name ?? "The summit", next };
    }
    return result;
  }

  /** Creates a workshop; its links are kept in this browser, the only place they are known. */
  async createWorkshop(
    payload: CommandPayload<"workshop.create">,
  ): Promise<Result<OrganiserWorkshop>> {
    const result = await this.#send("workshop.create", payload);
    if (!result.ok) return result;
    const { workshopId, code, facilitatorToken, projectorToken } = result.value;
    this.#keepLinks([
      ...this.#stored,
      { ...result.value, title: payload.title, createdAt: Date.now() },
    ]);
    if (!this.#listed.some((w) => w.id === workshopId)) {
      this.#listed = [...this.#listed, { id: workshopId, title: payload.title, code }];
    }
    return {
      ok: true,
      value: {
        id: workshopId,
        title: payload.title,
        code,
        links: { facilitatorToken, projectorToken },
      },
    };
  }

  /** [G4] New facilitator and projector links for a workshop; the old ones stop working at once. */
  async rotateLinks(workshopId: string): Promise<Result<unknown>> {
    const workshop = this.#listed.find((w) => w.id === workshopId);
    if (!workshop) return fail("not_found", "That workshop is not in your summit.");
    const result = await this.#send("workshop.rotate-links", { workshopId });
    if (result.ok) {
      const stored = this.#stored.find((s) => s.workshopId === workshopId);
      const links = { ...result.value, workshopId, code: workshop.code, title: workshop.title };
      this.#keepLinks(
        stored
          ? this.#stored.map((s) => (s === stored ? { ...s, ...links } : s))
          : [...this.#stored, { ...links, createdAt: Date.now() }],
      );
    }
    return result;
  }

  /** [G5] Deletes a workshop and all its data. */
  async deleteWorkshop(workshopId: string): Promise<Result<unknown>> {
    const result = await this.#send("workshop.delete", { workshopId });
    if (result.ok) {
      this.#listed = this.#listed.filter((w) => w.id !== workshopId);
      this.#keepLinks(this.#stored.filter((s) => s.workshopId !== workshopId));
    }
    return result;
  }

  /**
   * Starts another summit with this summit's key. This browser keeps the new
   * key beside this one (`organiser.switchTo` opens it). Resolves with the new key.
   */
  async createAnother(
    details: CommandPayload<"summit.create">,
  ): Promise<Result<{ organiserKey: string }>> {
    const result = await this.#send("summit.create", details);
    if (!result.ok) return result;
    rememberSummit(result.value.organiserKey, details.name);
    return { ok: true, value: { organiserKey: result.value.organiserKey } };
  }

  /** Downloads one export of the whole summit, or of one workshop. */
  async download(file: string, workshopId: string | null = null): Promise<Result<ExportFile>> {
    const result = await this.#api.fetchExport(this.key, file, workshopId);
    if (!result.ok && KEY_REFUSED.includes(result.error.code)) this.#refuse(result.error);
    return result;
  }

  #keepLinks(stored: CreatedWorkshop[]): void {
    this.#stored = stored;
    storeCreatedWorkshops(stored);
  }
}

/** An organiser key as links carry it: 128 random bits, base64url. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * The summit this browser has open, shared by the organiser pages so that
 * moving between them is instant, and switched when the organiser opens
 * another summit. Keys live in storage.ts; this follows the current one.
 */
class OrganiserSession {
  #summit = $state.raw<Summit | null>(null);

  /** the open summit; null when this browser holds no organiser key */
  get summit(): Summit | null {
    return this.#summit;
  }

  /**
   * Opens the summit of the key this browser holds, and loads it again in
   * the background (another organiser may have changed it).
   */
  open(): Summit | null {
    const key = organiserKey();
    if (!key) this.#summit = null;
    else if (this.#summit?.key !== key) this.#summit = new Summit(key);
    void this.#summit?.refresh();
    return this.#summit;
  }

  /**
   * Takes an organiser key from a link's fragment (`/organiser#<key>`, as
   * `npm run demo` prints) and keeps it. False when the fragment is not a key.
   */
  adopt(fragment: string): boolean {
    if (!KEY_PATTERN.test(fragment)) return false;
    storeOrganiserKey(fragment);
    return true;
  }

  /** Opens another summit this browser holds a key for. */
  switchTo(key: string): void {
    storeOrganiserKey(key);
    this.open();
  }

  /** Stops using a key that opens nothing; another known summit opens, if there is one. */
  forget(key: string): void {
    forgetSummit(key);
    this.open();
  }

  /** The other summits this browser holds keys for. */
  others(): KnownSummit[] {
    return knownSummits().filter((s) => s.key !== this.#summit?.key);
  }
}

export const organiser = new OrganiserSession();
