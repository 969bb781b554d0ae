import { tick } from "svelte";
import { appFor, type ClientApp } from "../../shared/routes.js";

/**
 * A tiny history router: the current pathname and fragment as reactive
 * state, changed by `navigate` (pushState) and by the browser's back and
 * forward buttons.
 */
class Router {
  // Which app this page is (staff.html says so on its root element); the other app's routes need its page.
  readonly #app: ClientApp =
    document.documentElement.dataset.app === "staff" ? "staff" : "attendee";

  #path = $state(location.pathname);
  #hash = $state(location.hash);

  constructor() {
    addEventListener("popstate", () => this.#read());
    addEventListener("hashchange", () => this.#read());
  }

  /** the pathname, e.g. `/join/123456` */
  get path(): string {
    return this.#path;
  }

  /** the fragment without its `#`; capability links carry their token here */
  get hash(): string {
    return this.#hash.slice(1);
  }

  navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
    if (appFor(new URL(to, location.href).pathname) !== this.#app) {
      // The other app is another page and build: load it.
      if (replace) location.replace(to);
      else location.assign(to);
      return;
    }
    if (replace) history.replaceState(null, "", to);
    else history.pushState(null, "", to);
    scrollTo(0, 0);
    this.#read();
  }

  #read(): void {
    this.#path = location.pathname;
    this.#hash = location.hash;
  }
}

export const router = new Router();

/** Goes to an address: without reloading the page when this app shows it, by loading the other app's page otherwise. */
export function navigate(to: string, options?: { replace?: boolean }): void {
  router.navigate(to, options);
}

/**
 * Click handler for in-app links (`<a href="/x" onclick={followLink}>`): plain
 * left clicks stay in the page; a click with a modifier key, or on a link to
 * another origin, is left to the browser (new tab, download, ...).
 */
export function followLink(event: MouseEvent & { currentTarget: HTMLAnchorElement }): void {
  const anchor = event.currentTarget;
  const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  if (event.defaultPrevented || event.button !== 0 || modified || anchor.target) return;
  if (anchor.origin !== location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search + anchor.hash);
}

/**
 * After an in-app navigation, moves focus to the new page's heading, so a
 * screen reader announces where the person is now (a full load starts there
 * anyway). Call it while an app's root component initialises.
 */
export function focusHeadingOnNavigation(): void {
  let firstPath = true;
  $effect(() => {
    void router.path;
    if (firstPath) {
      firstPath = false;
      return;
    }
    void tick().then(focusHeadingWhenShown);
  });
}

/**
 * Focuses the page's heading now, or as soon as it is shown: a page fetched
 * as a chunk of its own renders it only once the chunk has arrived. Gives
 * up after a few seconds, so a page that never loads leaves focus alone.
 */
function focusHeadingWhenShown(): void {
  const focus = (): boolean => {
    const heading = document.querySelector<HTMLElement>("main h1");
    heading?.focus();
    return heading !== null;
  };
  if (focus()) return;
  const observer = new MutationObserver(() => {
    if (focus()) stop();
  });
  const timer = setTimeout(stop, 5000);
  function stop(): void {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
}
