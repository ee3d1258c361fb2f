// The scripted teams, by name. `npm run sim -- DIR --policy NAME` and `npm run scores` play them through a real
// drill (runner.ts); docs/scoring.md#policies describes each.
import type { Scenario } from '../sim/index.ts';
import { expertPolicy } from './expert.ts';
import { idlePolicy } from './idle.ts';
import { latePolicy } from './late.ts';
import { POLICY_NAMES, type Policy, type PolicyName } from './types.ts';

export { POLICY_NAMES, type Policy, type PolicyAction, type PolicyName, type PolicyObservation } from './types.ts';

const FACTORIES: Record<PolicyName, (sc: Scenario) => Policy> = { idle: idlePolicy, late: latePolicy, expert: expertPolicy };

export function isPolicyName(name: string): name is PolicyName {
  return (POLICY_NAMES as readonly string[]).includes(name);
}

export function createPolicy(name: PolicyName, sc: Scenario): Policy {
  return FACTORIES[name](sc);
}
