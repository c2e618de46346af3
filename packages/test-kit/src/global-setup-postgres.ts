import { openDatabase } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseUrl, dropDatabase } from './postgres-admin.ts';
import './provided.ts';

/**
 * Migrates a template database once per run; every test file gets `CREATE DATABASE ... TEMPLATE`
 * (a file copy on the server, well under a second) and drops it at the end.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const templateName = `gea_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await dropDatabase(admin, templateName);
    await admin.query(`create database "${templateName}"`);
  } finally {
    await admin.end();
  }
  const teardown = async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await dropDatabase(client, templateName);
    } finally {
      await client.end();
    }
  };
  try {
    const db = await openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, templateName) });
    try {
      await applyMigrations(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('testDatabase', { kind: 'postgres', adminUrl, templateName });
  return teardown;
}
