/** A workbook the importer refuses: the message is Chinese, names the sheet and cell, and says what to do. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
