/** Who writes, and when, as the change log and the 定稿 messages show it. */
import os from 'node:os';
import type Database from 'better-sqlite3';

export { formatLocalTime } from '../../../shared/domain/changeLog';

/** The OS user name (Windows: the logon name), as the file lock and the change log record it. */
export function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? '未知用户';
  }
}

const actors = new WeakMap<Database.Database, string>();

/** Records who writes through a connection (the app's session sets it from its lock owner). */
export function setActor(db: Database.Database, user: string): void {
  actors.set(db, user);
}

/** Who writes through a connection: as set, else the OS user name. */
export function actorOf(db: Database.Database): string {
  return actors.get(db) ?? osUserName();
}
