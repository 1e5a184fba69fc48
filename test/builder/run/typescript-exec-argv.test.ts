import { describe, expect, it } from "vitest";
import { withoutTypeScriptLoader } from "../../../src/builder/run/typescript-exec-argv";

describe("withoutTypeScriptLoader", () => {
  it("leaves out tsx's loader however it was given, and keeps every other flag", () => {
    expect(
      withoutTypeScriptLoader([
        "--import",
        "tsx",
        "--max-old-space-size=512",
        "--import=tsx/esm",
        "--require",
        "/repo/node_modules/tsx/dist/preflight.cjs",
        "--loader=file:///repo/node_modules/tsx/dist/loader.mjs",
        "--cpu-prof",
      ]),
    ).toEqual(["--max-old-space-size=512", "--cpu-prof"]);
  });

  it("keeps loaders that are not tsx, with their values", () => {
    expect(withoutTypeScriptLoader(["--import", "./instrument.mjs", "--require=dotenv/config", "--enable-source-maps"])).toEqual([
      "--import",
      "./instrument.mjs",
      "--require=dotenv/config",
      "--enable-source-maps",
    ]);
  });
});
