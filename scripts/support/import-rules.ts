import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** The files a source file imports: `files` are repository paths (`src/model/scope.ts`), `external` everything else (`node:fs`, `linkedom`). */
export interface FileImports {
  files: string[];
  external: string[];
}

/** An import graph: each source file's imports, by repository path. */
export type ImportGraph = Map<string, FileImports>;

/**
 * Reads the import graph of `paths` (repository paths, from `root`) with TypeScript's own pre-processor: every
 * `import`, `export … from`, `import type` and dynamic `import()` counts, since a type-only cycle still
 * ties the modules together. Relative specifiers resolve as the bundler does (`./x` → `x.ts`, `x/index.ts`).
 */
export function readImportGraph(root: string, paths: readonly string[]): ImportGraph {
  const known = new Set(paths);
  const graph: ImportGraph = new Map();
  for (const path of paths) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, path), "utf8"), true, true);
    const imports: FileImports = { files: [], external: [] };
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith(".")) {
        imports.external.push(fileName);
        continue;
      }
      const base = relative(root, resolve(root, dirname(path), fileName));
      // `./x.js` names `x.ts` under the bundler's resolution, as `./x` does.
      const target = [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, ".ts")].find((candidate) => known.has(candidate));
      imports.files.push(target ?? base);
    }
    graph.set(path, imports);
  }
  return graph;
}

/** A folder under `src/` and what it may import from the others (it may always import itself). */
interface Layer {
  folder: string;
  may: string[];
  /** When false, no `node:` module and no package: code that runs in both runtimes. */
  external: boolean;
}

/**
 * The dependency rule, `builder → model ← worker`: the model is pure (no I/O, no `node:*`, no package), the
 * builder runs in Node, the Worker in workerd (no `node:*` without `nodejs_compat`), and the two never
 * import each other.
 */
const LAYERS: Layer[] = [
  { folder: "src/model", may: [], external: false },
  { folder: "src/builder", may: ["src/model"], external: true },
  { folder: "src/worker", may: ["src/model"], external: true },
];

/** Node's own modules, with and without `node:`: none may reach the model or the Worker. */
const NODE_MODULES = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Which layer a path belongs to, if any. */
function layerOf(path: string): Layer | undefined {
  return LAYERS.find((layer) => path === layer.folder || path.startsWith(`${layer.folder}/`));
}

/**
 * Every way `graph` breaks the rules, as lines to print (empty when it keeps them): import cycles between
 * files, cycles between folders (a stage folder must not import one that imports it back), imports across
 * the layers of LAYERS, and `node:*` in the Worker.
 */
export function findImportProblems(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const [kind, edges] of [["files", fileEdges(graph)], ["folders", folderEdges(graph)]] as const) {
    for (const cycle of findCycles(edges)) problems.push(`import cycle between ${kind}: ${cycle.join(" → ")}`);
  }
  for (const [path, imports] of graph) {
    const layer = layerOf(path);
    if (layer === undefined) continue;
    for (const target of imports.files) {
      const targetLayer = layerOf(target);
      if (!target.startsWith("src/")) {
        problems.push(`${path} imports ${target}: code under src/ imports nothing outside src/ but packages, by name`);
      } else if (targetLayer !== undefined && targetLayer !== layer && !layer.may.includes(targetLayer.folder)) {
        problems.push(`${path} imports ${target}: ${layer.folder} may import ${layer.may.length > 0 ? layer.may.join(", ") : "nothing outside itself"}`);
      }
    }
    for (const name of imports.external) {
      if (!layer.external) problems.push(`${path} imports ${name}: ${layer.folder} is pure, with no node:* module and no package`);
      else if (layer.folder === "src/worker" && (NODE_MODULES.has(name) || name.startsWith("node:"))) problems.push(`${path} imports ${name}: the Worker runs in workerd without nodejs_compat`);
    }
  }
  return problems;
}

function fileEdges(graph: ImportGraph): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [path, imports] of graph) edges.set(path, new Set(imports.files.filter((target) => graph.has(target))));
  return edges;
}

function folderEdges(graph: ImportGraph): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [path, imports] of graph) {
    const from = dirname(path);
    if (!edges.has(from)) edges.set(from, new Set());
    for (const target of imports.files) if (dirname(target) !== from && graph.has(target)) edges.get(from)!.add(dirname(target));
  }
  return edges;
}

/**
 * One cycle in each strongly connected component of `edges` that has one (Tarjan), as the path from its
 * first node back to it: `a → b → a`.
 */
function findCycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || edges.get(node)?.has(node)) cycles.push(shortestCycle(component.sort()[0]!, new Set(component), edges));
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The shortest path from `start` back to itself through `members` (breadth first), `start` at both ends. */
function shortestCycle(start: string, members: Set<string>, edges: Map<string, Set<string>>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let at = 0; at < queue.length; at++) {
    const node = queue[at]!;
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let step: string | undefined = node; step !== undefined && step !== start; step = cameFrom.get(step)) path.splice(1, 0, step);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
