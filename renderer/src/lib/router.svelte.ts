// A small hash router: #/overview, #/map, #/pair/ID, #/device/ADDR, #/allowlist, #/settings.
export type Route =
  | { name: 'overview' }
  | { name: 'map' }
  | { name: 'pair'; pairId: number }
  | { name: 'device'; address: string }
  | { name: 'allowlist' }
  | { name: 'settings' }
  | { name: 'first-run' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [head, arg] = parts;
  switch (head) {
    case 'map':
      return { name: 'map' };
    case 'pair': {
      const id = Number(arg);
      return Number.isInteger(id) && id > 0 ? { name: 'pair', pairId: id } : { name: 'overview' };
    }
    case 'device':
      return arg ? { name: 'device', address: decodeURIComponent(arg) } : { name: 'overview' };
    case 'allowlist':
      return { name: 'allowlist' };
    case 'settings':
      return { name: 'settings' };
    case 'welcome':
      return { name: 'first-run' };
    default:
      return { name: 'overview' };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'pair':
      return `#/pair/${route.pairId}`;
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
  /** where Escape goes: the routes visited before this one */
  #trail: string[] = [];
  #goingBack = false;

  constructor() {
    window.addEventListener('hashchange', (e) => {
      const prev = parseHash(new URL(e.oldURL).hash);
      const next = parseHash(location.hash);
      if (this.#goingBack) this.#goingBack = false;
      else if (href(prev) !== href(next)) this.#trail = [...this.#trail, href(prev)].slice(-20);
      this.route = next;
    });
  }

  go(route: Route): void {
    location.hash = href(route);
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
