/** The storage layer: open a disclosure file, read and write it through the repository. */
export { StorageError, STORAGE_ERROR_CODES, isStorageError, toStorageError } from './errors';
export type { StorageErrorCode } from './errors';
export { openDisclosureFile, closeDisclosureFile, snapshotBeforeCreation, undoFailedCreation } from './connection';
export type { CreationSnapshot, DisclosureFile, OpenOptions } from './connection';
export { APPLICATION_ID, APP_MARKER, MIGRATIONS, latestVersion, migrate } from './migrations';
export type { Migration, MigrateOptions, MigrateResult } from './migrations';
export { DisclosureRepository, ITEM_COLUMNS } from './repository';
export type { RepositoryOptions } from './repository';
export { EvaluationRepository } from './evaluation';
export { actorOf, formatLocalTime, osUserName, setActor } from './localTime';
export { installPublishedGuard, publishedMessage, publishedYears } from './published';
export type { Publication } from './repository';
