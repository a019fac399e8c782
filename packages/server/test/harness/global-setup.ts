import type { TestProject } from 'vitest/node';
import { startTestCluster, type TestCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server every dialect test uses. */
    postgresUrl: string;
  }
}

let cluster: TestCluster | undefined;

/** Start one PostgreSQL cluster for the whole run (unless TEST_DATABASE_URL names one). */
export async function setup(project: TestProject): Promise<void> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  cluster = await startTestCluster();
  project.provide('postgresUrl', cluster.url);
}

/** Stop the cluster. */
export async function teardown(): Promise<void> {
  cluster?.stop();
}
