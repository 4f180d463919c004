"""Pure types and rules of the domain, no I/O: periods, amounts, units, the model, progress,
ledger, plan, org-unit, tier and credit-code rules (property-tested)."""
