/** Entry of the Electron main process (bundled to dist/electron/main.cjs by scripts/build-electron.mjs). */
import { startMain } from './main';

startMain({ argv: process.argv, cwd: process.cwd() });
