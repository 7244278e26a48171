/**
 * Opaque file ids. The renderer never sends a path: it gets ids with the file lists (recent files,
 * the data folder) and sends one back to open that file. Ids are random, kept only in this
 * process's memory, and stable for a path during a run, so an id cannot be forged or guessed
 * and only names a file the backend itself listed.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export class FileIds {
  private readonly byId = new Map<string, string>();
  private readonly byPath = new Map<string, string>();

  /** The id of a path, minted on first use. */
  idFor(filePath: string): string {
    const resolved = path.resolve(filePath);
    const known = this.byPath.get(resolved);
    if (known !== undefined) return known;
    const id = randomBytes(12).toString('base64url');
    this.byId.set(id, resolved);
    this.byPath.set(resolved, id);
    return id;
  }

  /** The path an id stands for, or null for an id this process never gave out. */
  pathFor(id: string): string | null {
    return this.byId.get(id) ?? null;
  }
}
