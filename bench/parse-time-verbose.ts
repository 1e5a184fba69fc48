/** Reads GNU time's `-v` report: the wall-clock time in seconds and the peak resident set size in MB (MiB, as time counts KiB). */
export function parseTimeVerbose(stderr: string): { wallSeconds: number; peakMb: number } {
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  if (!wall || !peak) throw new Error(`no /usr/bin/time -v report in:\n${stderr.slice(-2000)}`);
  return {
    wallSeconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    peakMb: Math.round(Number(peak[1]) / 1024),
  };
}
