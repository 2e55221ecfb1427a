// Everything a server is checked against: the inventory in force (indexed once) and the organization's policy.
import { evaluateServer } from './evaluate';
import { InventoryIndex } from './inventory/match';
import type { LoadedInventory } from './inventory/load';
import type { CheckedServer, Finding, ServerEntry } from './model';
import { LookalikeIndex } from './lookalike';
import { applyPolicy, LENIENT_POLICY, type PolicyForChecks } from './policy/apply';
import type { RuleContext } from './rules/types';

/** One index per inventory: every scan against the same inventory (each re-scan in the editor) reuses it. */
const indexes = new WeakMap<LoadedInventory['inventory'], InventoryIndex>();

function indexOf(inventory: LoadedInventory['inventory']): InventoryIndex {
  let index = indexes.get(inventory);
  if (!index) indexes.set(inventory, (index = new InventoryIndex(inventory)));
  return index;
}

export class Checker {
  readonly index: InventoryIndex;
  private context: RuleContext | undefined;

  constructor(
    readonly inventory: LoadedInventory,
    readonly policy: PolicyForChecks = LENIENT_POLICY,
  ) {
    this.index = indexOf(inventory.inventory);
  }

  /** What the static rules know of this inventory; the look-alike index is built on first use, once. */
  get ruleContext(): RuleContext {
    return (this.context ??= {
      lookalikes: LookalikeIndex.forInventory(this.inventory.inventory),
      organization: this.inventory.inventory.organization ?? null,
      locate: (id) => this.inventory.locations?.[id],
    });
  }

  /** Inventory verdict plus the static rules' findings, with policy applied to all of them. */
  check(entry: ServerEntry, ruleFindings: readonly Finding[] = []): CheckedServer {
    // evaluateServer returns a new object: its findings are completed in place rather than copied once per step
    const checked = evaluateServer(entry, this.index);
    for (const f of ruleFindings) checked.findings.push(entry.disabled ? { ...f, severity: 'info' as const } : f);
    checked.findings = applyPolicy(checked, this.index, this.inventory, this.policy);
    return checked;
  }
}
