import { readdirSync, readFileSync } from "node:fs";

/** A running sampler: `stop()` ends it and gives the samples (KiB, one a second, summed over the processes) and how many processes were seen. */
export interface MemorySampler {
  stop(): { samples: number[]; processes: number };
}

/** The parent pid of every process, read from /proc. */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  return parents;
}

/** `root` and its descendants, each with its command name. */
function processesBelow(root: number): Map<number, string> {
  const parents = parentsByPid();
  const found = new Map<number, string>();
  for (const pid of parents.keys()) {
    let ancestor: number | undefined = pid;
    while (ancestor !== undefined && ancestor > 1 && ancestor !== root) ancestor = parents.get(ancestor);
    if (ancestor !== root) continue;
    try {
      found.set(pid, readFileSync(`/proc/${pid}/comm`, "utf8").trim());
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

function residentKilobytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** A running sampler of several groups of processes: one walk of /proc a second serves them all. */
export interface GroupSampler<Group extends string> {
  /**
   * Each group's samples (KiB summed over its processes), one a second, taken at the same instants; how
   * many of its processes each sample summed; and how many processes each group saw in all.
   */
  stop(): { samples: Record<Group, number[]>; counts: Record<Group, number[]>; processes: Record<Group, number> };
}

/**
 * Samples, once a second (or every `intervalMs`), the resident memory (VmRSS from /proc, Linux only) of `root` and its descendants,
 * summed per group: a process belongs to the group whose names hold its command name (`node` or `MainThread`,
 * which Node renames itself to once it runs; `workerd`; `esbuild`). The first sample is taken at once. The
 * processes are looked up at each sample, so one started or restarted later (the workerd a local publish
 * restarts, the build's child process) is counted too, and the groups' samples of one index are of one instant.
 */
export function sampleResidentMemoryGroups<Group extends string>(root: number, groups: Record<Group, readonly string[]>, intervalMs = 1000): GroupSampler<Group> {
  const names = Object.entries(groups) as [Group, readonly string[]][];
  const samples = Object.fromEntries(names.map(([group]) => [group, [] as number[]])) as Record<Group, number[]>;
  const counts = Object.fromEntries(names.map(([group]) => [group, [] as number[]])) as Record<Group, number[]>;
  const seen = new Map<Group, Set<number>>(names.map(([group]) => [group, new Set<number>()]));
  const sample = (): void => {
    const totals = new Map<Group, number>(names.map(([group]) => [group, 0]));
    const found = new Map<Group, number>(names.map(([group]) => [group, 0]));
    for (const [pid, command] of processesBelow(root)) {
      const group = names.find(([, members]) => members.includes(command))?.[0];
      if (group === undefined) continue;
      totals.set(group, totals.get(group)! + residentKilobytes(pid));
      found.set(group, found.get(group)! + 1);
      seen.get(group)!.add(pid);
    }
    for (const [group, total] of totals) {
      samples[group].push(total);
      counts[group].push(found.get(group)!);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  let stopped = false;
  return {
    stop() {
      if (!stopped) clearInterval(timer);
      stopped = true;
      const processes = Object.fromEntries([...seen].map(([group, pids]) => [group, pids.size])) as Record<Group, number>;
      return { samples, counts, processes };
    },
  };
}

/**
 * sampleResidentMemoryGroups for one group: the processes named `name` (or any of several names) among
 * `root` and its descendants (workerd below wrangler dev, or the node of a command itself), summed.
 */
export function sampleResidentMemory(root: number, name: string | readonly string[]): MemorySampler {
  const sampler = sampleResidentMemoryGroups(root, { sampled: typeof name === "string" ? [name] : name });
  return {
    stop() {
      const { samples, processes } = sampler.stop();
      return { samples: samples.sampled, processes: processes.sampled };
    },
  };
}
