// npm run dev: the Gladi server on PORT (default 3000) plus Vite's dev server on 5173 with hot reload,
// proxying /socket.io and /api to the server (see vite.config.ts).
import { createServer } from 'vite';
import { startServer } from '../server/main.ts';

const server = await startServer();
const vite = await createServer({ configFile: new URL('../vite.config.ts', import.meta.url).pathname });
await vite.listen();
vite.printUrls();
const stop = async () => {
  await vite.close();
  await server.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
