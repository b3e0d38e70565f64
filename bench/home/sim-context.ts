// What every part of the simulation gets: the traffic writer, the home, its own random stream,
// the time span, and the list its benign labels go to.
import { addressPool, type Device, type Home, type NameSpace } from './home-world.js';
import type { Rng } from './prng.js';
import type { BenignLabel, ServiceRun } from './service-kit.js';
import type { Traffic } from './traffic.js';

export interface SimContext {
  tr: Traffic;
  home: Home;
  names: NameSpace;
  rng: Rng;
  start: number;
  end: number;
  benign: BenignLabel[];
}

/** Register a name served by `n` addresses of a provider; answers hold `count` of them. */
export function defineName(
  ctx: SimContext,
  name: string,
  n: number,
  octets: readonly number[],
  o: { count?: number; ttl?: number; rotateS?: number; cname?: string } = {},
): string[] {
  const pool = addressPool(ctx.rng, n, octets);
  ctx.names.define(name, {
    pool,
    count: o.count ?? Math.min(n, 2),
    ttl: o.ttl ?? 300,
    rotateS: o.rotateS ?? 3600,
    ...(o.cname ? { cname: o.cname } : {}),
  });
  return pool;
}

export function finish(ctx: SimContext, run: ServiceRun): void {
  ctx.benign.push(run.label(`${run.kind}@${run.dev.address}`));
}

export function devicesOf(ctx: SimContext, pred: (d: Device) => boolean): Device[] {
  return ctx.home.devices.filter(pred);
}
