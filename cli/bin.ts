/** Entry of the bundled command (dist/cli/disclosure.mjs, built by scripts/build-cli.mjs). */
import { main } from './index';

// `disclosure show … | head`: a reader that stops early is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
