/** A data file (.jsgk) holding a package, imported through the services as `disclosure import` does. */
import { closeDisclosureFile, openDisclosureFile } from '../electron/backend/db';
import type { ReportPackage } from '../shared/domain/interchange';
import { importReport } from '../electron/backend/services/reports';

export function writeDataFile(file: string, pkg: ReportPackage): void {
  const db = openDisclosureFile(file, { create: true });
  try {
    importReport(db, pkg, { replace: false });
  } finally {
    closeDisclosureFile(db);
  }
}
