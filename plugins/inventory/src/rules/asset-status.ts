// How an asset's status history may grow: forward only, never after disposal, never repeating itself.
import type { AssetStatus } from '@gea/db';
import type { FieldIssue } from '@gea/core';
import { isoDate } from '@gea/core';

export interface StatusChangeRequest {
  /** The latest recorded step, if any. */
  latest: { status: AssetStatus; effectiveOn: Date } | null | undefined;
  status: AssetStatus;
  effectiveOn: Date;
  today: Date;
}

/** The first reason a new status cannot be recorded, or null when it can. */
export function statusChangeIssue({ latest, status, effectiveOn, today }: StatusChangeRequest): FieldIssue | null {
  if (effectiveOn > today) return { path: ['effectiveOn'], message: 'cannot be in the future' };
  if (latest?.status === 'DISPOSED') return { path: ['status'], message: 'a disposed asset is gone: its status no longer changes' };
  if (latest && effectiveOn < latest.effectiveOn) {
    return { path: ['effectiveOn'], message: `must be on or after ${isoDate(latest.effectiveOn)}, the date of the last change` };
  }
  if (latest?.status === status) return { path: ['status'], message: `the asset is already ${status}` };
  return null;
}
