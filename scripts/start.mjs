// `npm start`: works alone on a fresh clone. Installs the dependencies if missing, rebuilds
// dist/ if a source file is newer, then runs the server (PORT, HOST, DATA_DIR from the env).
import { ensureDependencies, ensureFreshBuild, run } from './setup.mjs';

await ensureDependencies();
await ensureFreshBuild();

// `kill <npm's pid>` stops npm's shell but not us: when our parent goes, stop the server too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 1000).unref();

process.exitCode = await run(process.execPath, ['--import', 'tsx', 'src/server/main.ts']);
