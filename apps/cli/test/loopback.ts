import { afterAll, afterEach, beforeAll } from "vitest";
import { startMockServer, type MockServer } from "@prefdissect/annotation/node";

/**
 * The loopback server for the tests of one file: started before them, closed after them. Tests
 * set OPENAI_API_KEY and OPENAI_BASE_URL; both are put back as they were after each test.
 * @example const loopback = useLoopbackServer(); … ["--base-url", loopback.server.url]
 */
export function useLoopbackServer(): { readonly server: MockServer } {
  const handle: { server?: MockServer } = {};
  const saved = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };
  beforeAll(async () => {
    handle.server = await startMockServer();
  });
  afterAll(async () => {
    await handle.server?.close();
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return {
    get server(): MockServer {
      if (handle.server === undefined) throw new Error("the loopback server starts before the tests");
      return handle.server;
    },
  };
}
