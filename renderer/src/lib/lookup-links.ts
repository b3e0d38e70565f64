// Where an investigator looks a destination up next. Only links: nothing is fetched, and the page
// says they leave Beaconwatch. electron/external-links.ts opens exactly these hosts in the
// user's browser (tests/lookup-links.test.ts keeps the two lists in step).
export interface LookupLink {
  name: string;
  url: string;
}

export const LOOKUP_HOSTS = ['www.virustotal.com', 'www.abuseipdb.com', 'www.shodan.io', 'who.is'] as const;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/** Links for an address or a host name; none for anything else (a log's string is not trusted). */
export function lookupLinks(dst: string): LookupLink[] {
  const target = dst.startsWith('*.') ? dst.slice(2) : dst;
  const e = encodeURIComponent(target);
  if (IPV4.test(target) || (target.includes(':') && /^[0-9a-f:]+$/i.test(target))) {
    return [
      { name: 'VirusTotal', url: `https://www.virustotal.com/gui/ip-address/${e}` },
      { name: 'AbuseIPDB', url: `https://www.abuseipdb.com/check/${e}` },
      { name: 'Shodan', url: `https://www.shodan.io/host/${e}` },
      { name: 'whois', url: `https://who.is/whois-ip/ip-address/${e}` },
    ];
  }
  if (!NAME.test(target) || target.length > 253) return [];
  return [
    { name: 'VirusTotal', url: `https://www.virustotal.com/gui/domain/${e}` },
    { name: 'AbuseIPDB', url: `https://www.abuseipdb.com/check/${e}` },
    { name: 'Shodan', url: `https://www.shodan.io/search?query=hostname%3A${e}` },
    { name: 'whois', url: `https://who.is/whois/${e}` },
  ];
}
