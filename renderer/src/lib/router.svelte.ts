// A small hash router: #/overview, #/map, #/long, #/pair/ID, #/device/ADDR, #/allowlist, #/settings, #/review,
// each with the time window after `?` (time-window.ts) so it survives reload, Back and links; the
// overview also keeps its search text there (`q=`), so a searched list can be reloaded and shared.
import { LIVE, parseSearchQuery, parseWindowQuery, windowQuery, withSearch, type WindowChoice } from './time-window.js';

export type Route =
  | { name: 'overview' }
  | { name: 'map' }
  | { name: 'long' }
  | { name: 'pair'; pairId: number; member?: boolean }
  | { name: 'device'; address: string }
  | { name: 'allowlist' }
  | { name: 'settings' }
  | { name: 'review' }
  | { name: 'first-run' };

/** the time window a hash carries (the live one when none) */
export function parseWindow(hash: string): WindowChoice {
  const at = hash.indexOf('?');
  return at < 0 ? LIVE : parseWindowQuery(hash.slice(at + 1));
}

/** the overview's search text a hash carries ('' when none) */
export function parseSearch(hash: string): string {
  const at = hash.indexOf('?');
  return at < 0 ? '' : parseSearchQuery(hash.slice(at + 1));
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').replace(/\?.*$/, '').split('/');
  const [head, arg] = parts;
  switch (head) {
    case 'map':
      return { name: 'map' };
    case 'long':
      return { name: 'long' };
    case 'pair': {
      const id = Number(arg);
      // #/pair/ID/member: that pair itself, even when ID is its finding's (whose page shows the strongest member)
      if (!(Number.isInteger(id) && id > 0)) return { name: 'overview' };
      return parts[2] === 'member' ? { name: 'pair', pairId: id, member: true } : { name: 'pair', pairId: id };
    }
    case 'device':
      return arg ? { name: 'device', address: decodeURIComponent(arg) } : { name: 'overview' };
    case 'allowlist':
      return { name: 'allowlist' };
    case 'settings':
      return { name: 'settings' };
    case 'review':
      return { name: 'review' };
    case 'welcome':
      return { name: 'first-run' };
    default:
      return { name: 'overview' };
  }
}

/** the route's hash, with the time window shown now (or the one given) and, for the overview, its search */
export function href(route: Route, window: WindowChoice = router.window, search: string = router.search): string {
  const query = withSearch(windowQuery(window), route.name === 'overview' ? search : '');
  return query ? `${routePath(route)}?${query}` : routePath(route);
}

function routePath(route: Route): string {
  switch (route.name) {
    case 'pair':
      return `#/pair/${route.pairId}${route.member ? '/member' : ''}`;
    case 'device':
      return `#/device/${encodeURIComponent(route.address)}`;
    case 'first-run':
      return '#/welcome';
    default:
      return `#/${route.name}`;
  }
}

class Router {
  route = $state<Route>(parseHash(location.hash));
  /** the time window the overview, device and finding pages show */
  window = $state<WindowChoice>(parseWindow(location.hash));
  /** the overview's search text, as the address keeps it */
  search = $state(parseSearch(location.hash));
  /** where Escape goes: the routes visited before this one */
  #trail: string[] = [];
  #goingBack = false;

  constructor() {
    window.addEventListener('hashchange', (e) => {
      const oldHash = new URL(e.oldURL).hash;
      const prev = href(parseHash(oldHash), parseWindow(oldHash), parseSearch(oldHash));
      const next = parseHash(location.hash);
      const window = parseWindow(location.hash);
      const search = parseSearch(location.hash);
      if (this.#goingBack) this.#goingBack = false;
      else if (prev !== href(next, window, search)) this.#trail = [...this.#trail, prev].slice(-20);
      this.route = next;
      if (windowQuery(window) !== windowQuery(this.window)) this.window = window;
      // another page's address carries no search: the overview's stays for the way back
      if (next.name === 'overview' && search !== this.search) this.search = search;
    });
  }

  go(route: Route): void {
    location.hash = href(route);
  }

  /** show another time window on this page (a new history entry: Back returns to the previous window) */
  setWindow(window: WindowChoice): void {
    location.hash = href(this.route, window);
  }

  /** the overview's search as typed: kept in the address without a history entry per key */
  setSearch(text: string): void {
    if (text === this.search) return;
    this.search = text;
    if (this.route.name === 'overview') history.replaceState(history.state, '', href(this.route));
  }

  /** Escape: back to the view the user came from, or the overview */
  back(): void {
    if (this.route.name === 'overview') return;
    const target = this.#trail.pop() ?? '#/overview';
    if (target === href(this.route)) return;
    this.#goingBack = true;
    location.hash = target;
  }
}

export const router = new Router();
