// Compiled statements kept per document: compiling costs a few milliseconds (the root resolver runs
// against a recording client, scopes are tried on stand-in rows), more than a small read's statement.
// A statement depends on the operation, its variables, the day (relations "in force today") and
// what the actor was asked while compiling; an entry serves another request only when that
// request's actor gives the same answers to the same questions, so a revoked grant is never served
// from the cache. A compile that read the database (a scope that loads) is not kept.
import type { DocumentNode } from 'graphql';
import type { Actor } from '../actor.ts';
import { isoDate } from '../kit/dates.ts';
import { compileRead, type CompiledRead, type CompileInput } from './compile.ts';
import { NotCompilable } from './sql.ts';

/** One question the actor answered while compiling, and the answer. */
export type ActorAnswer = { kind: 'can'; permission: string; entityId?: string; held: boolean } | { kind: 'entities'; permission: string; entities: string };

/** An actor that notes every question asked of it (see the cache). */
export function recordingActor(actor: Actor, answers: ActorAnswer[]): Actor {
  return Object.freeze({
    kind: actor.kind,
    id: actor.id,
    label: actor.label,
    sessionId: actor.sessionId,
    can(permission: string, entityId?: string) {
      const held = actor.can(permission, entityId);
      answers.push({ kind: 'can', permission, entityId, held });
      return held;
    },
    entitiesWith(permission: string) {
      const entities = actor.entitiesWith(permission);
      answers.push({ kind: 'entities', permission, entities: entities === 'all' ? 'all' : JSON.stringify(entities) });
      return entities;
    },
  });
}

function answersHold(actor: Actor, answers: readonly ActorAnswer[]): boolean {
  return answers.every((answer) => {
    if (answer.kind === 'can') return actor.can(answer.permission, answer.entityId) === answer.held;
    const entities = actor.entitiesWith(answer.permission);
    return (entities === 'all' ? 'all' : JSON.stringify(entities)) === answer.entities;
  });
}

interface Entry {
  answers: readonly ActorAnswer[];
  /** The statement, or why the operation runs through the resolvers. */
  compiled: CompiledRead | NotCompilable;
}

const ENTRIES_PER_DOCUMENT = 32;

export class CompiledReadCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, Entry[]>>();

  async compile(input: CompileInput): Promise<CompiledRead> {
    const actor = input.context.actor;
    const key = JSON.stringify([input.operationName ?? null, input.variableValues ?? null, isoDate(new Date()), actor.kind, actor.id]);
    let entries = this.byDocument.get(input.document);
    const found = entries?.get(key)?.find((entry) => answersHold(actor, entry.answers));
    if (found) {
      if (found.compiled instanceof NotCompilable) throw found.compiled;
      return found.compiled;
    }
    const answers: ActorAnswer[] = [];
    let compiled: CompiledRead | NotCompilable;
    try {
      compiled = await compileRead({ ...input, actor: recordingActor(actor, answers) });
    } catch (error) {
      // Why an operation is not compiled is kept too (unless the compile read the database, which
      // its error does not say): the next request goes to the resolvers without trying again.
      if (!(error instanceof NotCompilable) || error.readDatabase) throw error;
      compiled = error;
    }
    if (compiled instanceof NotCompilable || !compiled.readDatabase) {
      if (!entries) this.byDocument.set(input.document, (entries = new Map()));
      const list = entries.get(key) ?? [];
      list.push({ answers, compiled });
      if (list.length > 4) list.shift();
      entries.delete(key);
      entries.set(key, list);
      // the oldest variables go first
      if (entries.size > ENTRIES_PER_DOCUMENT) entries.delete(entries.keys().next().value!);
    }
    if (compiled instanceof NotCompilable) throw compiled;
    return compiled;
  }
}
