/** Word export of the whole package: see docx/index.ts (one module per part). */
export * from './docx/index';
