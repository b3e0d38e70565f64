// TraitsView over the store: every pair's traits and signatures read once per listing (a few
// rows per pair that spoke HTTP or TLS; conn pairs one row each).
import type { Store } from '../../db/store.js';
import type { PairSignature } from '../../db/trait-store.js';
import type { SignatureKind } from '../contract/ingest-batch.js';
import type { TraitsView } from './trait-factors.js';

const NONE: readonly PairSignature[] = [];

export function storeTraits(store: Store): TraitsView {
  const traits = store.traits.all();
  const byPair = new Map<number, PairSignature[]>();
  const byValue = new Map<string, PairSignature[]>();
  const pairsByKind = new Map<SignatureKind, Set<number>>();
  for (const s of store.traits.signatures()) {
    push(byPair, s.pairId, s);
    push(byValue, `${s.kind}\u0000${s.value}`, s);
    let set = pairsByKind.get(s.kind);
    if (!set) pairsByKind.set(s.kind, (set = new Set()));
    set.add(s.pairId);
  }
  return {
    of: (id) => traits.get(id),
    signaturesOf: (id) => byPair.get(id) ?? NONE,
    carriers: (kind, value) => byValue.get(`${kind}\u0000${value}`) ?? NONE,
    pairsWithKind: (kind) => pairsByKind.get(kind)?.size ?? 0,
  };
}

function push<K>(m: Map<K, PairSignature[]>, k: K, s: PairSignature): void {
  const list = m.get(k);
  if (list) list.push(s);
  else m.set(k, [s]);
}
