import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const WORKFLOW_TEXT = readFileSync(join(ROOT, "docs/publish-workflow.yml"), "utf8");
const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { schedule?: { cron: string }[]; push?: unknown };
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

// The YAML goes through gray-matter's parser (js-yaml, already a dependency of the build's front matter).
const workflow = matter(`---\n${WORKFLOW_TEXT}\n---\n`).data as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
/** Every npm command the workflow's steps run, one line each. */
const npmCommands = steps.flatMap((step) => (step.run ?? "").split("\n")).map((line) => line.trim()).filter((line) => /^npm\b/.test(line));

describe("docs/publish-workflow.yml", () => {
  it("runs only npm commands that exist: npm ci, or npm run of a script in package.json", () => {
    expect(npmCommands.length).toBeGreaterThanOrEqual(4);
    for (const command of npmCommands) {
      const script = /^npm (?:run|run-script) ([\w:-]+)/.exec(command)?.[1];
      if (command === "npm ci") continue;
      expect(script, command).toBeDefined();
      expect(Object.keys(SCRIPTS), command).toContain(script);
    }
  });

  it("runs daily and on push, one publish at a time", () => {
    expect(workflow.on.schedule?.[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.on.push).toBeDefined();
    expect(workflow.concurrency.group).not.toBe("");
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("installs, restores .build/, builds posts/, deploys only when src/ changed, then publishes remotely", () => {
    // The deploy before the publish: a Worker reads what earlier publishes stored, not always what a newer one stores.
    const order = ["npm ci", "actions/cache", "npm run build -- posts/", "npm run deploy", "npm run publish -- --remote"];
    const found = order.map((what) => steps.findIndex((step) => step.run?.trim() === what || step.uses?.startsWith(`${what}@`)));
    expect(found.every((index) => index >= 0), JSON.stringify(found)).toBe(true);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
    expect(steps[found[1]!]!.with?.path).toBe(".build/");
    const deploy = steps[found[3]!]!;
    expect(deploy.if).toMatch(/steps\.changes\.outputs\.worker == 'true'/);
    expect(steps.find((step) => step.if !== undefined && step.run?.includes("-- src/"))).toBeDefined();
  });

  it("names the secrets the publish and the deploy need", () => {
    const env = Object.values(workflow.jobs)[0]!.env ?? {};
    expect(env.CLOUDFLARE_API_TOKEN).toBe("${{ secrets.CLOUDFLARE_API_TOKEN }}");
    expect(env.CLOUDFLARE_ACCOUNT_ID).toBe("${{ secrets.CLOUDFLARE_ACCOUNT_ID }}");
  });
});
