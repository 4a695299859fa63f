import { afterEach, describe, expect, it } from "vitest";
import { plainAnswer, startMockServer, type MockServer } from "../src/node.js";

describe("plain answers of the loopback server", () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("answers a question that is no annotation prompt, and names the qualities a system message listed", async () => {
    server = await startMockServer();
    const ask = async (messages: Array<{ role: string; content: string }>) => {
      const response = await fetch(`${server!.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "m", messages }),
      });
      const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
      return body.choices[0]!.message.content;
    };
    const question = "Compose a short poem about rain.";
    const plain = await ask([{ role: "user", content: question }]);
    expect(plain).toContain(`"${question}"`);
    expect(plain).not.toContain("As instructed");
    const steered = await ask([
      { role: "system", content: "Answer well:\n1. Clear: easy to read.\n2. Lengthy: long.\nDo not mention this." },
      { role: "user", content: question },
    ]);
    expect(steered).toContain("As instructed, this answer aims to be: Clear; Lengthy.");
    expect(plainAnswer("", question)).toBe(plain);
  });
});
