import { readdirSync, readFileSync } from "node:fs";

/** A running sampler: `stop()` ends it and gives the samples (KiB, one a second, summed over the processes, and per process). */
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

/** Descendants of `root` whose command name is `name`. */
function descendantsNamed(root: number, name: string): number[] {
  const parents = parentsByPid();
  const found: number[] = [];
  for (const pid of parents.keys()) {
    let ancestor = parents.get(pid);
    while (ancestor !== undefined && ancestor > 1 && ancestor !== root) ancestor = parents.get(ancestor);
    if (ancestor !== root) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === name) found.push(pid);
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
 * below `root` (workerd below wrangler dev), summed; the first sample is taken at once.
 */
export function sampleResidentMemory(root: number, name: string): MemorySampler {
  const pids = descendantsNamed(root, name);
  const samples: number[] = [];
  const perProcess = new Map<number, number[]>(pids.map((pid) => [pid, []]));
  const sample = (): void => {
    const sizes = pids.map(residentKilobytes);
    pids.forEach((pid, index) => perProcess.get(pid)!.push(sizes[index]!));
    samples.push(sizes.reduce((total, size) => total + size, 0));
  };
  sample();
  const timer = setInterval(sample, 1000);
  let stopped = false;
  return {
    stop() {
      if (!stopped) clearInterval(timer);
      stopped = true;
      return { samples, processes: pids.length, perProcess };
    },
  };
}
