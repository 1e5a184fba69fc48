import { readdirSync, readFileSync } from "node:fs";

/**
 * A running sampler: `stop()` ends it and gives the samples (KiB, one a second, summed over the processes),
 * how many processes were seen, and each one's samples from the second it was first seen.
 */
export interface MemorySampler {
  stop(): { samples: number[]; processes: number; perProcess: Map<number, number[]> };
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

/** `root` and its descendants whose command name is one of `names`. */
function processesNamed(root: number, names: readonly string[]): number[] {
  const parents = parentsByPid();
  const found: number[] = [];
  for (const pid of parents.keys()) {
    let ancestor: number | undefined = pid;
    while (ancestor !== undefined && ancestor > 1 && ancestor !== root) ancestor = parents.get(ancestor);
    if (ancestor !== root) continue;
    try {
      if (names.includes(readFileSync(`/proc/${pid}/comm`, "utf8").trim())) found.push(pid);
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

/**
 * Samples, once a second, the resident memory (VmRSS from /proc, Linux only) of the processes named `name`
 * (or any of several names) among `root` and its descendants (workerd below wrangler dev, or the node of a
 * command itself: Node renames its process "MainThread" once it runs), summed; the first sample is taken at once. The processes are looked up at each sample, so one started or restarted
 * later (the workerd a local publish restarts) is counted too.
 */
export function sampleResidentMemory(root: number, name: string | readonly string[]): MemorySampler {
  const names = typeof name === "string" ? [name] : name;
  const samples: number[] = [];
  const perProcess = new Map<number, number[]>();
  const sample = (): void => {
    let total = 0;
    for (const pid of processesNamed(root, names)) {
      const size = residentKilobytes(pid);
      let sizes = perProcess.get(pid);
      if (sizes === undefined) perProcess.set(pid, (sizes = []));
      sizes.push(size);
      total += size;
    }
    samples.push(total);
  };
  sample();
  const timer = setInterval(sample, 1000);
  let stopped = false;
  return {
    stop() {
      if (!stopped) clearInterval(timer);
      stopped = true;
      return { samples, processes: perProcess.size, perProcess };
    },
  };
}
