// Everything a server is checked against: the inventory in force (indexed once) and the organization's policy.
import { evaluateServer } from './evaluate';
import { InventoryIndex } from './inventory/match';
import type { LoadedInventory } from './inventory/load';
import type { CheckedServer, ServerEntry } from './model';
import { applyPolicy, LENIENT_POLICY, type PolicyForChecks } from './policy/apply';

export class Checker {
  readonly index: InventoryIndex;

  constructor(
    readonly inventory: LoadedInventory,
    readonly policy: PolicyForChecks = LENIENT_POLICY,
  ) {
    this.index = new InventoryIndex(inventory.inventory);
  }

  check(entry: ServerEntry): CheckedServer {
    return applyPolicy(evaluateServer(entry, this.index), this.index, this.inventory, this.policy);
  }
}
