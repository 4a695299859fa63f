import { describe, expect, it } from "vitest";
import { redactUrl } from "../src/index.js";

describe("redactUrl()", () => {
  it("drops user name, password, query string and fragment", () => {
    expect(redactUrl("http://user:SECRET@127.0.0.1:8787/v1")).toBe("http://127.0.0.1:8787/v1");
    expect(redactUrl("https://proxy.example/v1?api-key=SECRET&x=1#frag")).toBe("https://proxy.example/v1");
    expect(redactUrl("http://127.0.0.1:8787/v1")).toBe("http://127.0.0.1:8787/v1");
  });

  it("cuts the same parts from text that is not a URL", () => {
    expect(redactUrl("user:SECRET@127.0.0.1:8787/v1?key=SECRET")).toBe("127.0.0.1:8787/v1");
    expect(redactUrl("//user:SECRET@host/v1")).toBe("//host/v1");
    expect(redactUrl("not a url")).toBe("not a url");
  });
});
