// Public face of the allow-list. The engine's service builds one Allowlist over the store and
// calls `match` when it lists findings (rules apply at display time, so they are retroactive).
export { Allowlist } from './allowlist.js';
export { AllowlistView } from './allowlist-view.js';
export { AllowRuleError, AllowRuleNotFoundError } from './errors.js';
export type { MatchablePair } from './rules.js';
export { builtinCatalogue, type CatalogueEntry } from './catalogue.js';
export { parseCatalogue } from './catalogue-schema.js';
export { ALLOWLIST_FORMAT, ALLOWLIST_VERSION } from './transfer.js';
export { registeredDomain } from './patterns.js';
