/** Entry of the bundled command (dist/cli/disclosure.mjs, built by scripts/build-cli.mjs). */
import { main } from './index';

process.exitCode = await main(process.argv.slice(2));
