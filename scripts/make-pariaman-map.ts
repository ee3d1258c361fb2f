// Generates the terrain of the built-in scenario scenarios/pariaman-rob/ (elevation.asc in metres above MSL,
// landuse.asc with the codes of scenario.yaml). The drawing itself is `pariamanRob` in scripts/make-town-maps.ts,
// which draws every built-in town; this script is kept so the old command still works.
// Run: node --import tsx scripts/make-pariaman-map.ts
import { join } from 'node:path';
import { pariamanRob } from './make-town-maps.ts';

const dir = join(import.meta.dirname, '..', 'scenarios', 'pariaman-rob');
const m = pariamanRob();
m.write(dir);
console.log(`wrote ${m.W}×${m.H} grids to ${dir}`);
