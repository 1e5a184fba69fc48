import { formatBytes } from "../../model/kv-limits";
import type { PublishReport } from "./publish-generation";
import type { KeysByKind } from "./unreachable-keys";

// A dry run lists this many keys of each kind, then counts the rest.
const LISTED_KEYS = 10;

/** The lines a publish prints: what was written and deleted, with counts; on a dry run, the keys too. */
export function formatPublishReport(report: PublishReport, target: string): string {
  const dry = report.outcome === "dry-run";
  const lines: string[] = [];
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  if (report.outcome === "unchanged") {
    lines.push(`${target}: nothing changed; generation ${report.generation} (${report.liveArticles} articles) stays live, 0 KV writes`);
  } else {
    const verb = dry ? "would write" : "wrote";
    lines.push(
      `${target}: ${dry ? "dry run, nothing written. " : ""}generation ${report.generation}, manifest ${report.manifest}`,
      // The plan's sizes: values are stored gzip-compressed, so KV holds fewer bytes than these.
      `  ${verb} ${describeCounts(report.written)} (${formatBytes(report.writtenBytes)} of JSON before compression)`,
      `  ${dry ? "would delete" : "deleted"} ${describeCounts(report.deleted)}${countOf(report.deleted) > 0 ? " (values only retired generations used)" : ""}`,
      `  ${report.pointerWritten ? `${verb} "current" last` : '"current" unchanged'}`,
      `  ${report.writes} KV writes in all (${report.reads} read${report.reads === 1 ? "" : "s"}${report.lists > 0 ? `, ${report.lists} list${report.lists === 1 ? "" : "s"}` : ""}); ${report.droppedArticles} of ${report.liveArticles} live articles dropped`,
    );
    if (report.resumed > 0) lines.push(`  resumed a stopped publish of this build: ${report.resumed} values it had written were not written again`);
    if (dry) lines.push(...listKeys("write", report.written), ...listKeys("delete", report.deleted));
  }
  if (report.waiting.length > 0) {
    const oldest = report.waiting[0]!.retiredAt;
    lines.push(`  ${report.waiting.length} retired generation(s) wait out the grace period (oldest retired ${oldest}); a later publish or \`npm run publish -- --gc\` deletes them`);
  }
  return lines.join("\n");
}

/** `3 articles, 5 pages, 1 shard, 1 manifest` (kinds with none left out), or `nothing`. */
export function describeCounts(keys: KeysByKind): string {
  const parts = (Object.entries(keys) as [keyof KeysByKind, string[]][])
    .filter(([, list]) => list.length > 0)
    .map(([kind, list]) => `${list.length} ${list.length === 1 ? kind.slice(0, -1) : kind}`);
  return parts.length === 0 ? "nothing" : parts.join(", ");
}

function countOf(keys: KeysByKind): number {
  return Object.values(keys).reduce((sum: number, list: string[]) => sum + list.length, 0);
}

function listKeys(verb: string, keys: KeysByKind): string[] {
  const lines: string[] = [];
  for (const list of Object.values(keys) as string[][]) {
    for (const key of list.slice(0, LISTED_KEYS)) lines.push(`    ${verb} ${key}`);
    if (list.length > LISTED_KEYS) lines.push(`    … and ${list.length - LISTED_KEYS} more like ${list[0]!.split(":")[0]}:…`);
  }
  return lines;
}
