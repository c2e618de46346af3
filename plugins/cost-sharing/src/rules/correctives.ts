// The correctives of a year's rule (art. 13): what each kind needs, and how the engine gets them.
import { InputError, type FieldIssue } from '@gea/core';
import type { CorrectiveKind } from '@gea/db';
import type { Corrective } from '../allocation/index.ts';

/** A corrective as the rule stores it and a scenario gives it. */
export interface CorrectiveSetting {
  kind: CorrectiveKind;
  label: string;
  basisPoints?: number | null;
  minimumPopulation?: number | null;
  populationBelow?: number | null;
  entityIds?: string[] | null;
}

/** A corrective checked and ready to store: every value set or null, bodies named once. */
export interface StoredCorrective extends CorrectiveSetting {
  basisPoints: number | null;
  minimumPopulation: number | null;
  populationBelow: number | null;
  entityIds: string[];
}

/** What a corrective lacks or has too much of for its kind, under `path` (where the list was given). */
function correctiveIssues(corrective: CorrectiveSetting, at: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (corrective.kind === 'MIN_POPULATION' && !corrective.minimumPopulation) issues.push({ path: [...at, 'minimumPopulation'], message: 'is needed for MIN_POPULATION' });
  if (corrective.kind !== 'MIN_POPULATION' && !corrective.basisPoints) issues.push({ path: [...at, 'basisPoints'], message: `is needed for ${corrective.kind}` });
  if (corrective.populationBelow && corrective.entityIds?.length) issues.push({ path: [...at, 'entityIds'], message: 'give either populationBelow or entityIds, not both' });
  if (!corrective.populationBelow && !corrective.entityIds?.length) {
    issues.push({ path: [...at, 'populationBelow'], message: 'say which bodies it applies to: populationBelow or entityIds' });
  }
  return issues;
}

/**
 * Checks each corrective names what its kind needs, and only that; returns them as stored: the
 * values the kind does not use dropped, bodies named once.
 */
export function correctiveSettings(requested: readonly CorrectiveSetting[], path: readonly string[]): StoredCorrective[] {
  const issues = requested.flatMap((corrective, index) => correctiveIssues(corrective, [...path, String(index)]));
  if (issues.length > 0) throw new InputError(issues);
  return requested.map((c) => ({
    kind: c.kind,
    label: c.label.trim(),
    basisPoints: c.kind === 'MIN_POPULATION' ? null : (c.basisPoints ?? null),
    minimumPopulation: c.kind === 'MIN_POPULATION' ? (c.minimumPopulation ?? null) : null,
    populationBelow: c.populationBelow ?? null,
    entityIds: [...new Set(c.entityIds ?? [])],
  }));
}

/** A setting as the allocation engine takes it; `index` numbers it. */
export function toCorrective(setting: CorrectiveSetting, index: number): Corrective {
  const appliesTo = setting.entityIds?.length ? { entityIds: setting.entityIds } : { populationBelow: setting.populationBelow ?? Number.MAX_SAFE_INTEGER };
  const id = `corrective-${index + 1}`;
  if (setting.kind === 'MIN_POPULATION') {
    return { id, kind: 'MIN_POPULATION', minimumPopulation: setting.minimumPopulation ?? 0, appliesTo, label: setting.label };
  }
  return { id, kind: setting.kind, basisPoints: setting.basisPoints ?? 0, appliesTo, label: setting.label };
}

/**
 * The engine's correctives, population floors first: they change an input of the rule, and would
 * otherwise undo a share floor or cap applied before them.
 */
export function engineCorrectives(settings: readonly CorrectiveSetting[]): Corrective[] {
  return [...settings.filter((c) => c.kind === 'MIN_POPULATION'), ...settings.filter((c) => c.kind !== 'MIN_POPULATION')].map(toCorrective);
}
