// The ordered list of schema migrations. Append only: never edit a migration that has shipped.
import { core } from './001-core.js';
import { allowlist } from './002-allowlist.js';
import { addressNames } from './003-address-names.js';
import { nameEvidence } from './004-name-evidence.js';
import { review } from './005-review.js';
import { intel } from './006-intel.js';
import { pairTraits } from './007-pair-traits.js';
import { findingCases } from './008-finding-cases.js';
import { sensors } from './009-sensors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * run with foreign keys off (checked before commit): a migration that rebuilds a table other
   * tables reference (SQLite's 12-step table change), which a DROP would otherwise cascade into
   */
  foreignKeysOff?: boolean;
}

export const migrations: readonly Migration[] = [core, allowlist, addressNames, nameEvidence, review, intel, pairTraits, findingCases, sensors];
