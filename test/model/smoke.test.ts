import { expect, it } from "vitest";
it("runs in node", () => { expect(process.version.startsWith("v24")).toBe(true); });
