// The only URLs the app hands to the user's browser: the lookup services the finding page links
// to (renderer/src/lib/lookup-links.ts), over https. Everything else stays denied.
const HOSTS = new Set(['www.virustotal.com', 'www.abuseipdb.com', 'www.shodan.io', 'who.is']);

export function isLookupUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && HOSTS.has(u.hostname) && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}

export const LOOKUP_HOSTS_FOR_TEST = [...HOSTS];
