export { compileRead, FALLBACK_KEY, type CompiledRead, type CompileInput } from './compile.ts';
export { NotCompilable } from './sql.ts';
export { someBodyThrough, type CompiledScopeDeclaration } from './declared-scopes.ts';
export { runCompiledRead } from './run.ts';
