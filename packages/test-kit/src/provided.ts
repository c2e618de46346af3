/** What each database project's global setup hands to its test files. */
export type TestDatabaseInfo =
  | { kind: 'pglite'; templateFile: string }
  | { kind: 'postgres'; adminUrl: string; templateName: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
    /** The browser project's demo data folder, migrated and seeded once (global-setup-browser.ts). */
    browserDataTemplate: string;
  }
}
