/** Who writes, and when, as the change log and the 定稿 messages show it. */
import os from 'node:os';
import type Database from 'better-sqlite3';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-03-02 09:15` in this computer's time zone; the raw text when it is not a date. */
export function formatLocalTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

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
