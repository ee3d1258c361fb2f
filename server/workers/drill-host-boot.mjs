// Worker entry: registers tsx's TypeScript loader in this thread (loader hooks are per thread), then runs the drill
// host written in TypeScript. Works whether or not the parent was started with --import tsx (npm start, vitest).
import { register } from 'tsx/esm/api';

register();
await import('./drill-host.ts');
