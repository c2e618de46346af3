// How far an import is, for the person who started it: events on the core's event bus (in this
// process, or between API processes over Redis), named by an id the client chose for its import.
// The import itself stays one transaction: progress tells how far it got, never that anything is
// kept before it ends.
import { defineTopic } from '@gea/core';

export type AssetImportPhase = 'CHECKING' | 'WRITING';

export interface AssetImportProgress {
  phase: AssetImportPhase;
  /** CHECKING: data rows of the file (done = 0 until checked); WRITING: rows written of the total to write. */
  done: number;
  total: number;
}

export interface AssetImportProgressEvent extends AssetImportProgress {
  progressId: string;
  /** Who runs the import (`user:<id>` or `token:<id>`): only they hear of it. */
  actorKey: string;
}

export const assetImportProgress = defineTopic<AssetImportProgressEvent>('inventory:asset-import-progress');

/** The id a client gives its import: short, and plain enough to travel as a channel payload. */
export const PROGRESS_ID = /^[A-Za-z0-9_-]{8,64}$/;
