import { describe, expect, it } from "vitest";
import { JUDGE_IDS } from "@prefdissect/data";
import { DEFAULT_STATE, formatState, parseState, withChanges } from "../src/url-state.js";

const judges = [...JUDGE_IDS, "mine"];

describe("the URL interface", () => {
  it("reads each view's parameters and writes them back unchanged", () => {
    for (const search of [
      "?view=dissection&group=Code&judges=human,mine&sort=preference",
      "?view=similarity&group=mean&order=cluster&compare=human,gpt-4-1106-preview",
      "?view=judge&judge=mine",
      "?view=pair&index=17&judge=human&group=w_constraints&browse=Code&q=poem",
      "?view=add",
    ]) {
      const { state, problems } = parseState(search, judges);
      expect(problems).toEqual([]);
      expect(formatState(state)).toBe(search);
    }
  });

  it("fills in defaults: Figure 1's judges in Communication, the scenario mean for similarity", () => {
    expect(parseState("", judges).state).toEqual(DEFAULT_STATE);
    expect(parseState("?view=similarity", judges).state).toMatchObject({ group: "mean", order: "size", compare: null });
    expect(formatState(parseState("?view=pair", judges).state)).toBe("?view=pair&index=0&judge=human");
  });

  it("replaces a bad value by the default and says which parameter was wrong", () => {
    const { state, problems } = parseState("?view=dissection&group=Poetry&judges=gpt-5,human&sort=size", judges);
    expect(state).toMatchObject({ group: "Communication", judges: ["human"], sort: "property" });
    expect(problems).toEqual([
      'URL parameter "group" is "Poetry", which is not a known group id (the group menu lists them); showing "Communication" instead.',
      'URL parameter "judges" names "gpt-5", which is not a judge here; it is left out.',
      'URL parameter "sort" is "size", which is not one of "property", "preference"; showing "property" instead.',
    ]);
    expect(parseState("?view=charts", judges).problems[0]).toMatch(
      /^URL parameter "view" is "charts", which is not one of "dissection", "similarity", "judge", "pair", "add"/,
    );
    expect(parseState("?view=pair&index=-3", judges).problems).toEqual([
      'URL parameter "index" is "-3"; expected a pair number (0, 1, 2, …), so pair 0 is shown.',
    ]);
    expect(parseState("?view=similarity&compare=human", judges).problems[0]).toMatch(/^URL parameter "compare" is "human"; expected two known judge ids/);
    expect(parseState("?view=judge&judge=nobody", judges).state.judge).toBe("human");
  });

  it("ignores the parameters of other views and resets the group when the view changes", () => {
    const { state, problems } = parseState("?view=judge&judge=yi-6b&group=Poetry", judges);
    expect(problems).toEqual([]);
    expect(state.group).toBe("Communication");
    expect(withChanges({ ...DEFAULT_STATE, group: "Code" }, { view: "similarity" }).group).toBe("mean");
    expect(withChanges({ ...DEFAULT_STATE, group: "Code" }, { sort: "preference" }).group).toBe("Code");
  });
});
