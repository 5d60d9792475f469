/* eslint-disable @typescript-eslint/no-explicit-any -- the wasm schema engine and the driver adapters are untyped */
// Types for schema-engine.mjs (plain JavaScript so that plain node runs it).
export type DatabaseProvider = "sqlite" | "postgresql";

export type HistoryDiagnostic =
  | { diagnostic: "databaseIsBehind"; unappliedMigrationNames: string[] }
  | { diagnostic: "migrationsDirectoryIsBehind"; unpersistedMigrationNames: string[] }
  | {
      diagnostic: "historiesDiverge";
      lastCommonMigrationName: string | null;
      unpersistedMigrationNames: string[];
      unappliedMigrationNames: string[];
    };

export type MigrationStatus = {
  upToDate: boolean;
  databaseExists: boolean;
  hasMigrationsTable: boolean;
  unappliedMigrationNames: string[];
  failedMigrationNames: string[];
  editedMigrationNames: string[];
  history: HistoryDiagnostic | null;
};

export type MigrationList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: "ok"; value: string } | { tag: "error"; value: string } };
  }[];
};

export type SchemaEngineSession = {
  /** The wasm SchemaEngine (methods as in @prisma/schema-engine-wasm). */
  engine: any;
  provider: DatabaseProvider;
  explain(error: unknown): unknown;
  close(): Promise<void>;
};

export function projectRoot(): string;
export function defaultDatabaseUrl(): string;
export function providerOf(url: string): DatabaseProvider;
export function schemaDir(provider: DatabaseProvider): string;
export function migrationsDir(provider: DatabaseProvider): string;
export function readSchemaFiles(provider: DatabaseProvider): { path: string; content: string }[];
export function readMigrationList(baseDir: string, shadowDbInitScript?: string): Promise<MigrationList>;
export function loadSchemaEngineWasm(): Promise<any>;
export function pgConfig(url: string): { config: Record<string, unknown>; schema: string | undefined };
export function createAdapterFactory(url: string): Promise<{ factory: any; close(): Promise<void> }>;
export function openSchemaEngine(options: {
  url: string;
  datamodels?: [path: string, content: string][];
  onLog?: (line: string) => void;
}): Promise<SchemaEngineSession>;
export function withMigrationsTable<T>(engine: any, migrationsList: MigrationList, call: () => Promise<T>): Promise<T>;
export function databaseExists(url: string): Promise<boolean>;
export function ensureDatabase(url: string): Promise<boolean>;
export function deleteSqliteDatabase(url: string): void;
export function deployMigrations(options?: { url?: string; dir?: string }): Promise<{ appliedMigrationNames: string[] }>;
export function migrationStatus(options?: { url?: string; dir?: string }): Promise<MigrationStatus>;
export function diffMigrationsToSchema(options: { provider: DatabaseProvider; url: string }): Promise<string>;
export function migrationSlug(name: string): string;
export function testPostgresBaseUrl(): string;
export function createMigration(options: {
  name: string;
  postgresUrl?: string;
  providers?: DatabaseProvider[];
  now?: Date;
  allowEmpty?: boolean;
}): Promise<{ name: string; written: { provider: DatabaseProvider; file: string }[] }>;
export function lockfileText(provider: DatabaseProvider): string;
