// Conditions and effects written back in the compact form facilitators type in an MSEL cell
// (the inverse of parseCondition in server/drill/inject.ts and parseEffect in server/sim/effect.ts).
import type { InjectCondition } from '../drill/inject.ts';
import type { InjectEffect } from '../sim/index.ts';

export function conditionText(c: InjectCondition): string {
  switch (c.kind) {
    case 'no_warning': return 'no_warning';
    case 'depth': return `depth(${c.area}) ${c.op} ${c.value}`;
    case 'occupancy': return `occupancy(${c.shelter}) ${c.op} ${c.value}`;
    case 'sea_level': return `sea_level ${c.op} ${c.value}`;
    case 'stranded': return `stranded ${c.op} ${c.value}`;
  }
}

/** `name(arg, …)` with the arguments in the effect's field order, which is the order parseEffect reads them. */
export function effectText(e: InjectEffect): string {
  const { kind, ...args } = e as { kind: string } & Record<string, unknown>;
  return `${kind}(${Object.values(args).map((v) => (Array.isArray(v) ? v.join(' ') : String(v))).join(',')})`;
}
