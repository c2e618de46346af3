// The shape of the generated SQL model (generated/sql-model.ts): tables, columns and relations as
// the database has them, for code that writes SQL from Prisma's names (the compiled read path).

export interface SqlModelField {
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  /** Prisma's type: String, Int, BigInt, DateTime, Boolean, Json, an enum's or a model's name. */
  type: string;
  column: string;
  /** `Date`, `Uuid`, `Timestamptz`…, or null for the default of the type. */
  nativeType: string | null;
  isList: boolean;
  isRequired: boolean;
  relationName?: string;
  /** The relation's columns on this side (empty on the side that holds no foreign key). */
  from?: string[];
  /** The columns they reference on the other side. */
  to?: string[];
}

export interface SqlModelModel {
  table: string;
  primaryKey: string[];
  fields: Record<string, SqlModelField>;
}

export interface SqlModel {
  models: Record<string, SqlModelModel>;
  enums: Record<string, { dbName: string; values: string[] }>;
}
