/** The app's version (package.json), for the CLI and the 发布包 manifest; bundlers inline it. */
import packageJson from '../../../package.json';

export const APP_VERSION: string = packageJson.version;
