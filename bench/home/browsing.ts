// People using their devices: sessions of page loads, each a DNS lookup (unless cached) then
// TLS with SNI to an answered address; many sites share a few CDN addresses.
import { addressPool, isAwake, type Device } from './home-world.js';
import { randomLabel } from './prng.js';
import { ServiceRun } from './service-kit.js';
import { finish, type SimContext } from './sim-context.js';
import { DnsCache } from './traffic.js';

const WELL_KNOWN = [
  'www.google.com',
  'www.youtube.com',
  'www.wikipedia.org',
  'www.reddit.com',
  'www.amazon.com',
  'www.bbc.co.uk',
  'www.nytimes.com',
  'github.com',
  'stackoverflow.com',
  'www.netflix.com',
  'www.instagram.com',
  'www.facebook.com',
  'news.ycombinator.com',
  'www.ebay.com',
  'www.imdb.com',
  'open.spotify.com',
  'web.whatsapp.com',
  'mail.google.com',
  'docs.google.com',
  'www.linkedin.com',
  'www.twitch.tv',
  'www.theguardian.com',
  'weather.com',
  'www.espn.com',
];
const THIRD_PARTY = [
  'fonts.googleapis.com',
  'fonts.gstatic.com',
  'www.googletagmanager.com',
  'www.google-analytics.com',
  'cdn.jsdelivr.net',
  'cdnjs.cloudflare.com',
  'static.xx.fbcdn.net',
  'pagead2.googlesyndication.com',
  'securepubads.g.doubleclick.net',
  'ajax.googleapis.com',
  'i.ytimg.com',
  'connect.facebook.net',
  'static.cloudflareinsights.com',
  'js.stripe.com',
];
const WORDS = [
  'green',
  'daily',
  'tech',
  'home',
  'cook',
  'travel',
  'garden',
  'photo',
  'music',
  'sport',
  'bike',
  'book',
  'city',
  'shop',
  'learn',
  'local',
];
const TLDS = ['com', 'net', 'org', 'io', 'co.uk', 'de'];

export interface WebCatalogue {
  sites: string[];
  thirdParty: string[];
  /** CDN edge pools: several names answer with the same few addresses */
  cdnPools: string[][];
}

export function buildWeb(ctx: SimContext): WebCatalogue {
  const { rng } = ctx;
  const cdnPools = [addressPool(rng, 12, [104]), addressPool(rng, 10, [151]), addressPool(rng, 14, [13]), addressPool(rng, 10, [23])];
  const sites = [...WELL_KNOWN];
  while (sites.length < 140)
    sites.push(`www.${rng.pick(WORDS)}${rng.pick(WORDS)}${randomLabel(rng, 2, 'abcdefghijklmnopqrstuvwxyz')}.${rng.pick(TLDS)}`);
  for (const name of [...new Set([...sites, ...THIRD_PARTY])]) {
    if (rng.chance(0.6)) {
      const pool = rng.pick(cdnPools);
      ctx.names.define(name, {
        pool,
        count: 2,
        ttl: rng.pick([60, 300]),
        rotateS: rng.pick([300, 900, 3600]),
        cname: `${name.replace(/^www\./, '')}.cdn.cloudflare.net`,
      });
    } else {
      ctx.names.define(name, {
        pool: addressPool(rng, rng.int(1, 4), [34, 35, 52, 151, 199, 142]),
        count: 2,
        ttl: rng.pick([60, 300, 3600]),
        rotateS: 3600,
      });
    }
  }
  return { sites: [...new Set(sites)], thirdParty: THIRD_PARTY, cdnPools };
}

const BROWSERS = new Set<Device['kind']>(['phone', 'laptop', 'desktop', 'tablet', 'tv']);

export function runBrowsing(ctx: SimContext, web: WebCatalogue): void {
  const { rng, tr } = ctx;
  for (const dev of ctx.home.devices.filter((d) => BROWSERS.has(d.kind))) {
    const run = new ServiceRun('browsing', dev, null, 'human web sessions');
    const cache = new DnsCache();
    // A few favourite sites per person, plus the long tail.
    const favourites = rng.shuffle(web.sites).slice(0, 8);
    const perHour = dev.kind === 'tv' ? 0.4 : dev.kind === 'phone' ? 0.35 : 0.3;
    for (let h = Math.ceil(ctx.start / 3600) * 3600; h < ctx.end; h += 3600) {
      if (!rng.chance(perHour)) continue;
      let t = h + rng.uniform(0, 3600);
      if (!isAwake(dev, t)) continue;
      const sessionEnd = t + rng.uniform(300, 2400);
      while (t < sessionEnd && t < ctx.end) {
        const site = rng.chance(0.6) ? rng.pick(favourites) : rng.pick(web.sites);
        const hosts = [site, ...rng.shuffle(web.thirdParty).slice(0, rng.int(1, 5))];
        for (const host of hosts) {
          const tt = t + rng.uniform(0, 1.5);
          const r = tr.lookup(tt, dev.address, cache, host, { aaaa: dev.platform !== 'embedded' });
          if (r.addrs.length === 0) continue;
          const addr = rng.pick(r.addrs);
          run.names.add(host);
          run.addresses.add(addr);
          if (rng.chance(0.05)) tr.http(tt + 0.03, dev.address, addr, host, `/${randomLabel(rng, 6)}`, 'Mozilla/5.0');
          else tr.tls(tt + 0.03, dev.address, addr, { sni: host, respBytes: rng.int(5000, 400000), durationS: rng.uniform(0.3, 40) });
        }
        t += rng.exp(dev.kind === 'tv' ? 300 : 50);
      }
    }
    finish(ctx, run);
  }
}
