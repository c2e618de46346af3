// The PostgreSQL extensions the migrations create (CREATE EXTENSION), which PGlite must load when
// it opens a database: every embedded database, whether the application's, a test's, a template or
// a restore being checked, is opened with these.
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** PGlite's `extensions` option: pg_trgm serves the trigram indexes of text search (the assets' `searchText`). */
export const pgliteExtensions = { pg_trgm } as const;
