// Offline checks of deploy/*.Dockerfile, with no Docker engine:
//   - there is an image per process (intake, findings, workbench), each
//     shipping its own binary from the build folder;
//   - the build stage starts from debian:bookworm, installs
//     scripts/packages.txt and builds the release preset's targets;
//   - every path a COPY takes exists: from the build context (the repository,
//     minus .dockerignore), or from the build stage (/src/build/release/...
//     maps to the build folder given here, /src/... to the repository);
//   - the runtime stage starts from debian:bookworm-slim, runs as a non-root
//     user, and installs exactly the Debian packages that own the shared
//     libraries its binaries link (readelf -d, resolved with ldd, owner from
//     dpkg -S); every library ldd loads comes from one of those packages or
//     their dependencies;
//   - the YJINSPECT_ variables it sets name flags the binary accepts.
// Usage: node check_dockerfiles.mjs SOURCE_DIR BUILD_DIR
// Exits 1 when a check fails.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import path from "node:path";

import { check, finish, usage } from "./check_tally.mjs";

const [sourceDir, buildDir] = process.argv.slice(2);
if (!sourceDir || !buildDir) {
  usage("node check_dockerfiles.mjs SOURCE_DIR BUILD_DIR");
}

// Instructions of a Dockerfile, continuation lines joined, comments dropped.
function instructions(text) {
  const result = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.startsWith("#")) continue;
    pending += (pending ? " " : "") + line.replace(/\\$/, "").trim();
    if (!line.endsWith("\\")) {
      const m = /^(\w+)\s+(.*)$/s.exec(pending);
      if (m) result.push({ op: m[1].toUpperCase(), rest: m[2] });
      pending = "";
    }
  }
  return result;
}

// FROM starts a stage; each stage keeps its instructions.
function stages(list) {
  const result = [];
  for (const instruction of list) {
    if (instruction.op === "FROM") {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.rest);
      result.push({ image: m[1], name: m[2] ?? null, instructions: [] });
    } else if (result.length > 0) {
      result.at(-1).instructions.push(instruction);
    }
  }
  return result;
}

function copySources(rest) {
  const words = rest.startsWith("[") ? JSON.parse(rest) : rest.split(/\s+/);
  const options = words.filter((w) => w.startsWith("--"));
  const paths = words.filter((w) => !w.startsWith("--"));
  const from = options.find((o) => o.startsWith("--from="))?.slice(7) ?? null;
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1) };
}

function envAssignments(rest) {
  const result = {};
  for (const m of rest.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g)) result[m[1]] = m[2].replace(/^"|"$/g, "");
  return result;
}

// Packages named after `apt-get install` and its options, up to && or ;.
function aptInstalled(stage) {
  const packages = new Set();
  for (const { op, rest } of stage.instructions) {
    if (op !== "RUN") continue;
    for (const m of rest.matchAll(/apt-get\s+install\s+([^&;|]*)/g)) {
      for (const word of m[1].split(/\s+/)) if (word && !word.startsWith("-")) packages.add(word);
    }
  }
  return packages;
}

// Paths dpkg may know a file by: as given and its real path, each with and
// without /usr (with merged /usr, dpkg knows a library under /lib or
// /usr/lib).
function pathVariants(file) {
  const variants = new Set([file, realpathSync(file)]);
  for (const v of [...variants]) variants.add(v.startsWith("/usr/") ? v.slice(4) : `/usr${v}`);
  return [...variants];
}

// The Debian package owning each file (null when none does), with one dpkg
// call for all of them: dpkg -S reads every package's file list each time.
function dpkgOwners(files) {
  const variants = new Map(files.map((f) => [f, pathVariants(f)]));
  const run = spawnSync("dpkg", ["-S", ...new Set([...variants.values()].flat())], { encoding: "utf8" });
  const ownerOfPath = new Map();
  for (const line of run.stdout.split("\n")) {
    const m = /^(.+?): (\/.*)$/.exec(line);
    if (m && !m[1].startsWith("diversion")) ownerOfPath.set(m[2], m[1].split(",")[0].split(":")[0].trim());
  }
  return new Map(files.map((f) => [f, variants.get(f).map((v) => ownerOfPath.get(v)).find(Boolean) ?? null]));
}

// The library files ldd resolves for a binary: soname -> path.
function lddResolved(binary) {
  const out = execFileSync("ldd", [binary], { encoding: "utf8" });
  const resolved = new Map();
  for (const m of out.matchAll(/^\s*(\S+) => (\/\S+)/gm)) resolved.set(m[1], m[2]);
  for (const m of out.matchAll(/^\s*(\/\S+) \(/gm)) resolved.set(path.basename(m[1]), m[1]);
  return resolved;
}

function neededSonames(binary) {
  const out = execFileSync("readelf", ["-d", binary], { encoding: "utf8" });
  return [...out.matchAll(/\(NEEDED\)\s+Shared library: \[(.+?)\]/g)].map((m) => m[1]);
}

// Installed packages that `roots` bring in through Depends and Pre-Depends
// (one dpkg-query for every installed package, then a walk in memory).
function dependencyClosure(roots) {
  const run = spawnSync("dpkg-query", ["-W", "-f=${Package}\t${Depends}, ${Pre-Depends}\n"], { encoding: "utf8" });
  const dependencies = new Map();
  for (const line of run.stdout.split("\n")) {
    const [name, list] = line.split("\t");
    if (!name) continue;
    const names = list.split(/[,|]/).map((c) => c.trim().split(/[\s(:]/)[0]).filter(Boolean);
    dependencies.set(name, [...(dependencies.get(name) ?? []), ...names]);
  }
  const closure = new Set();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop();
    if (closure.has(name)) continue;
    closure.add(name);
    queue.push(...(dependencies.get(name) ?? []));
  }
  return closure;
}

const ignored = existsSync(path.join(sourceDir, ".dockerignore"))
  ? readFileSync(path.join(sourceDir, ".dockerignore"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))
  : [];
check(ignored.some((p) => /^\/?build\/?$/.test(p)), ".dockerignore keeps the host's build/ out of the build context");

const deployDir = path.join(sourceDir, "deploy");
const dockerfiles = readdirSync(deployDir).filter((f) => f.endsWith(".Dockerfile")).sort();
// The image of each process, and the binary (under the build folder) it
// must ship. Any other deploy/*.Dockerfile is checked all the same.
const expectedImages = new Map([
  ["intake.Dockerfile", "services/intake/intake_server"],
  ["findings.Dockerfile", "services/findings/findings_server"],
  ["workbench.Dockerfile", "services/workbench/workbench_server"],
]);
for (const [file, binary] of expectedImages) {
  check(dockerfiles.includes(file), `deploy/ has ${file}, the image of ${path.basename(binary)} (found ${dockerfiles.join(", ")})`);
}

for (const file of dockerfiles) {
  const where = `deploy/${file}`;
  const all = stages(instructions(readFileSync(path.join(deployDir, file), "utf8")));
  if (!check(all.length >= 2, `${where}: has a build stage and a runtime stage`)) continue;
  const build = all[0];
  const runtime = all.at(-1);
  check(build.image === "debian:bookworm" && build.name, `${where}: builds in a named debian:bookworm stage`);
  check(runtime.image === "debian:bookworm-slim", `${where}: runs on debian:bookworm-slim`);

  const buildRuns = build.instructions.filter((i) => i.op === "RUN").map((i) => i.rest).join(" && ");
  check(/scripts\/packages\.txt/.test(buildRuns) && /apt-get install/.test(buildRuns),
        `${where}: the build stage installs scripts/packages.txt`);
  check(/cmake --preset release/.test(buildRuns), `${where}: the build stage configures the release preset`);
  const targets = new Set([...buildRuns.matchAll(/--target\s+([\w ]+?)(?:\s*(?:&&|$))/g)].flatMap((m) => m[1].split(/\s+/)));

  // Every COPY source exists.
  const binaries = [];
  for (const stage of all) {
    for (const { op, rest } of stage.instructions.filter((i) => i.op === "COPY" || i.op === "ADD")) {
      const { from, sources, destination } = copySources(rest);
      for (const source of sources) {
        if (from === null) {
          const local = path.join(sourceDir, source);
          const excluded = ignored.some((p) => source.replace(/^\.\//, "").startsWith(p.replace(/^\//, "").replace(/\/$/, "")) && source !== ".");
          check(existsSync(local) && !excluded, `${where}: ${op} ${source} is in the build context`);
          continue;
        }
        check(from === build.name, `${where}: ${op} --from=${from} names the build stage`);
        const releasePrefix = "/src/build/release/";
        let local;
        if (source.startsWith(releasePrefix)) local = path.join(buildDir, source.slice(releasePrefix.length));
        else if (source.startsWith("/src/")) local = path.join(sourceDir, source.slice(5));
        if (check(local && existsSync(local), `${where}: ${op} --from=${from} ${source} exists after a build (${local})`)) {
          if (stage === runtime && source.startsWith(releasePrefix)) {
            binaries.push({ local, name: path.basename(source), destination });
          }
        }
      }
    }
  }
  check(binaries.length > 0, `${where}: the runtime stage copies a binary from the build`);
  if (expectedImages.has(file)) {
    const expected = path.join(buildDir, expectedImages.get(file));
    check(binaries.some((b) => path.resolve(b.local) === path.resolve(expected)),
          `${where}: the runtime stage copies ${expectedImages.get(file)} from the build (${expected})`);
  }

  // The runtime user and entry point.
  const user = runtime.instructions.filter((i) => i.op === "USER").at(-1)?.rest ?? "root";
  check(!/^(root|0)(:|$)/.test(user), `${where}: runs as a non-root user (USER ${user})`);
  const entrypoint = runtime.instructions.filter((i) => i.op === "ENTRYPOINT").at(-1)?.rest;
  const entryBinary = entrypoint ? JSON.parse(entrypoint)[0] : null;
  check(binaries.some((b) => entryBinary === b.destination), `${where}: ENTRYPOINT ${entryBinary} is a binary it copies`);

  // Runtime packages: exactly the owners of the libraries the binaries link.
  const wanted = new Set();
  const loaded = new Set();
  const linked = []; // { binary, soname, file }
  const resolvedOf = new Map();
  for (const binary of binaries) {
    check(targets.has(binary.name), `${where}: the build stage builds --target ${binary.name}`);
    const resolved = lddResolved(binary.local);
    resolvedOf.set(binary, resolved);
    for (const soname of neededSonames(binary.local)) {
      const file = resolved.get(soname);
      if (check(file, `${where}: ldd finds ${soname}, which ${binary.name} links`)) linked.push({ soname, file });
    }
  }
  const loadedFiles = [...resolvedOf.values()].flatMap((r) => [...r].filter(([soname]) => !soname.startsWith("linux-vdso")));
  const owners = dpkgOwners([...new Set([...linked.map((l) => l.file), ...loadedFiles.map(([, file]) => file)])]);
  for (const { soname, file } of linked) {
    const owner = owners.get(file);
    if (check(owner, `${where}: ${soname} (${file}) belongs to a Debian package`)) wanted.add(owner);
  }
  for (const [soname, file] of loadedFiles) {
    const owner = owners.get(file);
    if (check(owner, `${where}: ${soname} (${file}), which ldd loads, belongs to a Debian package`)) loaded.add(owner);
  }
  const installed = aptInstalled(runtime);
  const missing = [...wanted].filter((p) => !installed.has(p)).sort();
  const extra = [...installed].filter((p) => !wanted.has(p)).sort();
  check(missing.length === 0, `${where}: the runtime stage installs every package whose libraries the binaries link (missing: ${missing.join(" ")})`);
  check(extra.length === 0, `${where}: the runtime stage installs nothing the binaries do not link (extra: ${extra.join(" ")})`);
  const closure = dependencyClosure(installed);
  const uncovered = [...loaded].filter((p) => !closure.has(p)).sort();
  check(uncovered.length === 0, `${where}: every library ldd loads comes with the installed packages (uncovered: ${uncovered.join(" ")})`);

  // YJINSPECT_ defaults name real flags, and the binary takes them.
  const environment = {};
  for (const { rest } of runtime.instructions.filter((i) => i.op === "ENV")) Object.assign(environment, envAssignments(rest));
  const settings = Object.fromEntries(Object.entries(environment).filter(([k]) => k.startsWith("YJINSPECT_")));
  for (const binary of binaries) {
    const help = spawnSync(binary.local, ["--helpfull"], { encoding: "utf8", env: {} });
    const flags = new Set([...`${help.stdout}${help.stderr}`.matchAll(/^\s+--(\w+) \(/gm)].map((m) => m[1]));
    for (const variable of Object.keys(settings)) {
      const flag = variable.slice("YJINSPECT_".length).toLowerCase();
      check(flags.has(flag), `${where}: ENV ${variable} sets a flag of ${binary.name} (--${flag})`);
    }
    const run = spawnSync(binary.local, ["--version"], { encoding: "utf8", env: settings });
    check(run.status === 0, `${where}: ${binary.name} accepts the image's YJINSPECT_ defaults (exit ${run.status}: ${(run.stderr ?? "").trim()})`);
  }
}

finish();
