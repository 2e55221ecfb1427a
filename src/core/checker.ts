// Everything a server is checked against: the inventory in force (indexed once) and the organization's policy.
import { evaluateServer } from './evaluate';
import { InventoryIndex } from './inventory/match';
import type { LoadedInventory } from './inventory/load';
import type { CheckedServer, Finding, ServerEntry } from './model';
import { LookalikeIndex } from './lookalike';
import { applyPolicy, LENIENT_POLICY, type PolicyForChecks } from './policy/apply';
import type { RuleContext } from './rules/types';

export class Checker {
  readonly index: InventoryIndex;
  private context: RuleContext | undefined;

  constructor(
    readonly inventory: LoadedInventory,
    readonly policy: PolicyForChecks = LENIENT_POLICY,
  ) {
    this.index = new InventoryIndex(inventory.inventory);
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
    const evaluated = evaluateServer(entry, this.index);
    const withRules = ruleFindings.length ? { ...evaluated, findings: [...evaluated.findings, ...ruleFindings.map((f) => (entry.disabled ? { ...f, severity: 'info' as const } : f))] } : evaluated;
    return applyPolicy(withRules, this.index, this.inventory, this.policy);
  }
}
