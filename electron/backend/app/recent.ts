/**
 * Recently opened files: at most 10, newest first, persisted as JSON in the user's config folder
 * (Electron: `<userData>/recent.json`; browser mode: `<dataFolder>/.recent.json`). Entries whose
 * file has vanished are dropped when listed. A damaged list is treated as empty, never as an error:
 * it is a convenience, not data.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface RecentEntry {
  path: string;
  department: string | null;
  /** ISO time it was last opened. */
  at: string;
}

export const RECENT_MAX = 10;

function isEntry(value: unknown): value is RecentEntry {
  if (typeof value !== 'object' || value === null) return false;
  const record: Record<string, unknown> = Object.fromEntries(Object.entries(value));
  return (
    typeof record.path === 'string' &&
    path.isAbsolute(record.path) &&
    (record.department === null || typeof record.department === 'string') &&
    typeof record.at === 'string'
  );
}

export class RecentFiles {
  constructor(
    private readonly storePath: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private read(): RecentEntry[] {
    try {
      const value: unknown = JSON.parse(fs.readFileSync(this.storePath, 'utf8'));
      return Array.isArray(value) ? value.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  /** Written to a temp file and renamed, so a crash never leaves half a list. Failures are ignored. */
  private write(entries: RecentEntry[]): void {
    const temp = `${this.storePath}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.storePath), { recursive: true });
      fs.writeFileSync(temp, `${JSON.stringify(entries, null, 2)}\n`);
      fs.renameSync(temp, this.storePath);
    } catch {
      fs.rmSync(temp, { force: true });
    }
  }

  /** The list, newest first, without files that no longer exist. */
  list(): RecentEntry[] {
    const all = this.read();
    const present = all.filter((e) => fs.existsSync(e.path));
    if (present.length !== all.length) this.write(present);
    return present;
  }

  /** Puts a file at the top (once), keeping the newest RECENT_MAX. */
  add(filePath: string, department: string | null): void {
    const resolved = path.resolve(filePath);
    const entry: RecentEntry = { path: resolved, department, at: this.now().toISOString() };
    const rest = this.read().filter((e) => path.resolve(e.path) !== resolved);
    this.write([entry, ...rest].slice(0, RECENT_MAX));
  }

  remove(filePath: string): void {
    const resolved = path.resolve(filePath);
    this.write(this.read().filter((e) => path.resolve(e.path) !== resolved));
  }
}
