// Offline checks of the Kubernetes manifests in this folder, without a
// cluster or kubectl:
//   - kustomization.yaml names files that exist, and images the manifests use;
//   - every object parses and validates against the Kubernetes API schema
//     (npm package kubernetes-models);
//   - every probe, Service and scrape annotation targets a port the container
//     declares, and --listen serves on the declared gRPC port;
//   - the services are probed through their gRPC health service; the
//     workbench by HTTP on its --listen port, on the two paths it answers
//     without sign-in (/healthz for liveness, /readyz for readiness);
//   - every flag the manifests pass (arguments, and YJINSPECT_ variables from
//     env and ConfigMaps) is one the container's binary lists in --helpfull,
//     and the binary accepts the whole configuration (it runs with it and
//     --version, which parses every flag and exits); no --insecure, no
//     --dev_user;
//   - a container of an image not ours (yjinspect/...), such as the
//     workbench's oauth2-proxy sidecar, is given no binary of ours and is
//     not checked against one; its image is pinned to a tag;
//   - the workbench trusts only its sidecar proxy: --trusted_proxies is
//     loopback, a container of its pod proxies to its --listen port over
//     loopback and passes the user's headers, and no Service exposes that
//     port;
//   - paths given to flags lie on mounted volumes, the store on a claim,
//     and a Deployment runs no binary with a store (--data_dir);
//   - terminationGracePeriodSeconds outlasts --shutdown_grace_seconds;
//   - host:port values naming a Service match one of its ports;
//   - every workload's pods are under exactly one PodDisruptionBudget (the
//     eviction API refuses a pod under two).
// Usage: node validate.mjs --binary intake=PATH --binary findings=PATH
//   --binary workbench=PATH
// (a binary per container name). Exits 1 when any check fails.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

let YAML;
try {
  YAML = require("yaml");
  require("kubernetes-models/v1/Pod");
} catch (error) {
  console.error(
    `validate.mjs: npm packages missing (${error.message}); run ` +
      `'npm ci' in ${here} (scripts/test does, through ctest)`);
  process.exit(1);
}

// Seconds a service needs after its grace period: closing the store (a
// RocksDB flush of the memtables) and exiting.
const kStoreCloseSeconds = 10;
const kEnvPrefix = "YJINSPECT_";

const binaries = new Map();
for (let i = 2; i < process.argv.length; ++i) {
  const arg = process.argv[i];
  const value = arg === "--binary" ? process.argv[++i] : arg.startsWith("--binary=") ? arg.slice(9) : null;
  if (!value || !value.includes("=")) {
    console.error(`usage: node validate.mjs --binary NAME=PATH ...; got ${arg}`);
    process.exit(2);
  }
  const [name, file] = [value.slice(0, value.indexOf("=")), value.slice(value.indexOf("=") + 1)];
  binaries.set(name, file);
}

let passed = 0;
const failures = [];
function check(ok, what) {
  if (ok) {
    ++passed;
  } else {
    failures.push(what);
    console.log(`FAIL ${what}`);
  }
  return ok;
}

// --- kustomization and the objects it lists ------------------------------

const kustomization = YAML.parse(readFileSync(path.join(here, "kustomization.yaml"), "utf8"));
check(kustomization.kind === "Kustomization", "kustomization.yaml is a Kustomization");
check(Array.isArray(kustomization.resources) && kustomization.resources.length > 0,
      "kustomization.yaml lists resources");

const objects = []; // { file, doc }
for (const resource of kustomization.resources ?? []) {
  const file = path.join(here, resource);
  if (!check(existsSync(file), `kustomization resource ${resource} exists`)) continue;
  const docs = YAML.parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (!check(doc.errors.length === 0, `${resource} parses as YAML: ${doc.errors.map(String).join("; ")}`)) continue;
    const value = doc.toJS();
    if (value !== null) objects.push({ file: resource, doc: value });
  }
}
for (const generator of [...(kustomization.configMapGenerator ?? []), ...(kustomization.secretGenerator ?? [])]) {
  for (const entry of [...(generator.files ?? []), ...(generator.envs ?? [])]) {
    const file = entry.includes("=") ? entry.slice(entry.indexOf("=") + 1) : entry;
    check(existsSync(path.join(here, file)), `generator ${generator.name} file ${file} exists`);
  }
}

function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  return require(modulePath)[kind];
}

for (const { file, doc } of objects) {
  const name = `${file}: ${doc.kind}/${doc.metadata?.name}`;
  let Model;
  try {
    Model = modelFor(doc.apiVersion, doc.kind);
  } catch {
    check(false, `${name}: no Kubernetes model for ${doc.apiVersion} ${doc.kind}`);
    continue;
  }
  try {
    new Model(doc).validate();
    check(true, `${name} validates`);
  } catch (error) {
    check(false, `${name} does not validate: ${error.message}`);
  }
  check(!doc.metadata?.namespace || doc.metadata.namespace === kustomization.namespace,
        `${name} is in the kustomization's namespace`);
}

const byKind = (kind) => objects.map((o) => o.doc).filter((d) => d.kind === kind);
const configMaps = new Map(byKind("ConfigMap").map((c) => [c.metadata.name, c]));
for (const generator of kustomization.configMapGenerator ?? []) configMaps.set(generator.name, { data: {} });
const services = byKind("Service");
const workloads = [...byKind("StatefulSet"), ...byKind("Deployment")];
const kustomizeImages = new Set((kustomization.images ?? []).map((i) => i.name));

const matches = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
// A LabelSelector (matchLabels and matchExpressions) against labels.
function selects(selector, labels) {
  if (!matches(selector?.matchLabels, labels)) return false;
  return (selector?.matchExpressions ?? []).every(({ key, operator, values }) => {
    const has = Object.hasOwn(labels ?? {}, key);
    switch (operator) {
      case "In": return has && values.includes(labels[key]);
      case "NotIn": return !has || !values.includes(labels[key]);
      case "Exists": return has;
      case "DoesNotExist": return !has;
      default: return false;
    }
  });
}
// Images built from this repository (deploy/*.Dockerfile); any other is a
// third party's, whose flags our binaries say nothing about.
const isOurImage = (image) => /^yjinspect\//.test(image);
const isLoopback = (address) => /^(127\.\d+\.\d+\.\d+|::1|localhost)(\/\d+)?$/.test(address);

// --- the binaries' flags ---------------------------------------------------

const helpCache = new Map();
// The flags a binary defines, with their defaults, from absl's --helpfull.
function binaryFlags(file) {
  if (helpCache.has(file)) return helpCache.get(file);
  const run = spawnSync(file, ["--helpfull"], { encoding: "utf8", env: {} });
  const text = `${run.stdout}${run.stderr}`.replace(/\n\s+/g, " ");
  const flags = new Map();
  for (const m of text.matchAll(/--(\w+) \((.*?)\); default: ("(?:[^"\\]|\\.)*"|[^;]*);/g)) {
    flags.set(m[1], { help: m[2], default: m[3].replace(/^"|"$/g, "") });
  }
  helpCache.set(file, flags);
  return flags;
}

// --name=value or --name value pairs of a container's arguments.
function parseArgs(args) {
  const flags = [];
  for (let i = 0; i < args.length; ++i) {
    const m = /^--?([\w-]+)(?:=(.*))?$/s.exec(args[i]);
    if (!m) {
      flags.push({ name: null, raw: args[i] });
    } else if (m[2] !== undefined) {
      flags.push({ name: m[1], value: m[2] });
    } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
      flags.push({ name: m[1], value: args[++i] });
    } else {
      flags.push({ name: m[1], value: "true" });
    }
  }
  return flags;
}

// The YJINSPECT_ variables a container gets, in Kubernetes' precedence
// (env over envFrom, later envFrom over earlier).
function containerEnvironment(container, where) {
  const environment = {};
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef;
    if (!ref) continue;
    const configMap = configMaps.get(ref.name);
    if (!check(configMap || ref.optional, `${where}: ConfigMap ${ref.name} is in the manifests`)) continue;
    for (const [key, value] of Object.entries(configMap?.data ?? {})) {
      const name = `${source.prefix ?? ""}${key}`;
      if (name.startsWith(kEnvPrefix)) environment[name] = String(value);
    }
  }
  for (const variable of container.env ?? []) {
    if (!variable.name.startsWith(kEnvPrefix)) continue;
    if (variable.valueFrom?.configMapKeyRef) {
      const ref = variable.valueFrom.configMapKeyRef;
      const value = configMaps.get(ref.name)?.data?.[ref.key];
      if (check(value !== undefined || ref.optional, `${where}: ${variable.name} from ConfigMap ${ref.name} key ${ref.key} exists`)) {
        if (value !== undefined) environment[variable.name] = String(value);
      }
    } else if (variable.valueFrom) {
      environment[variable.name] = ""; // a Secret or field: checked by name only
    } else {
      environment[variable.name] = String(variable.value ?? "");
    }
  }
  return environment;
}

const flagOfVariable = (variable) => variable.slice(kEnvPrefix.length).toLowerCase();
const isUnder = (file, folder) => file === folder || file.startsWith(folder.endsWith("/") ? folder : `${folder}/`);

// Kubernetes quantities, enough for cpu and memory.
function quantity(value) {
  const m = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(value));
  if (!m) return NaN;
  const scale = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  return Number(m[1]) * (m[2] ? scale[m[2]] : 1);
}

// --- each workload ---------------------------------------------------------

const declaredPortsOfPods = []; // { where, labels, ports: [{name, containerPort}], private: [port] }

for (const workload of workloads) {
  const where = `${workload.kind}/${workload.metadata.name}`;
  const spec = workload.spec;
  const pod = spec.template.spec;
  const labels = spec.template.metadata?.labels ?? {};
  check(matches(spec.selector?.matchLabels, labels), `${where}: selector matches its pod template's labels`);
  if (workload.kind === "StatefulSet") {
    // RocksDB allows one process per database (deploy/SCALING.md).
    check(spec.replicas === 1, `${where}: exactly one replica (one process per RocksDB)`);
    const governing = services.find((s) => s.metadata.name === spec.serviceName);
    check(governing && governing.spec.clusterIP === "None", `${where}: serviceName ${spec.serviceName} is a headless Service`);
  }
  check(pod.securityContext?.runAsNonRoot === true, `${where}: pods run as a non-root user`);

  const claimNames = new Set((spec.volumeClaimTemplates ?? []).map((c) => c.metadata.name));
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  for (const claim of claimNames) volumes.set(claim, { name: claim, claim: true });
  for (const volume of pod.volumes ?? []) {
    if (volume.configMap) {
      check(configMaps.has(volume.configMap.name) || volume.configMap.optional === true,
            `${where}: volume ${volume.name}'s ConfigMap ${volume.configMap.name} is in the manifests or optional`);
    }
  }
  const annotations = spec.template.metadata?.annotations ?? {};
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  const podPorts = [];
  const privatePorts = []; // ports only a sidecar may reach: in no Service

  for (const container of pod.containers) {
    const at = `${where} container ${container.name}`;
    const ports = container.ports ?? [];
    podPorts.push(...ports);
    const portNumbers = new Set(ports.map((p) => p.containerPort));
    const portByName = new Map(ports.filter((p) => p.name).map((p) => [p.name, p.containerPort]));
    const resolvePort = (port) => (typeof port === "number" ? port : portByName.get(port));

    const image = String(container.image).replace(/[:@].*$/, "");
    check(kustomizeImages.has(image), `${at}: image ${image} is set in kustomization.yaml images`);

    const probes = []; // { kind, probe, port }
    for (const probeKind of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      const probe = container[probeKind];
      if (probeKind === "startupProbe" && !probe) continue;
      if (!check(probe, `${at}: has a ${probeKind}`)) continue;
      const action = probe.grpc ?? probe.httpGet ?? probe.tcpSocket;
      check(action, `${at}: ${probeKind} is a grpc, httpGet or tcpSocket probe`);
      const port = resolvePort(action?.port);
      check(port !== undefined && portNumbers.has(port), `${at}: ${probeKind} port ${action?.port} is a declared container port`);
      probes.push({ kind: probeKind, probe, port });
    }
    if (annotations["prometheus.io/port"]) {
      check(podPorts.some((p) => String(p.containerPort) === annotations["prometheus.io/port"]) ||
            portNumbers.has(Number(annotations["prometheus.io/port"])),
            `${at}: prometheus.io/port ${annotations["prometheus.io/port"]} is a declared container port`);
    }

    for (const kind of ["cpu", "memory"]) {
      const request = container.resources?.requests?.[kind];
      const limit = container.resources?.limits?.[kind];
      check(request !== undefined && limit !== undefined, `${at}: ${kind} request and limit are set`);
      if (request !== undefined && limit !== undefined) {
        check(quantity(request) <= quantity(limit), `${at}: ${kind} request ${request} is within its limit ${limit}`);
      }
    }
    check(container.securityContext?.readOnlyRootFilesystem === true, `${at}: root filesystem is read-only`);

    const mounts = (container.volumeMounts ?? []).map((m) => ({ ...m, volume: volumes.get(m.name) }));
    for (const mount of mounts) check(mount.volume, `${at}: volumeMount ${mount.name} names a volume`);

    // A third party's image (the workbench's proxy): its ConfigMaps exist,
    // its image is pinned; its flags are its own, not our binaries'.
    if (!isOurImage(image)) {
      containerEnvironment(container, at);
      check(!binaries.has(container.name),
            `${at}: image ${image} is not ours, so no binary of ours is checked against it (--binary ${container.name}=... given)`);
      const tag = /:([^:/@]+)$/.exec(String(container.image))?.[1];
      check(/@sha256:/.test(String(container.image)) || (tag && tag !== "latest"),
            `${at}: image ${container.image} is pinned to a tag or digest`);
      continue;
    }

    // The configuration the binary will see.
    const binary = binaries.get(container.name);
    if (!check(binary && existsSync(binary), `${at}: binary given with --binary ${container.name}=PATH exists`)) continue;
    const known = binaryFlags(binary);
    check(known.size > 0, `${at}: ${path.basename(binary)} --helpfull lists flags`);
    const args = parseArgs([...(container.command ?? []).slice(1), ...(container.args ?? [])]);
    const environment = containerEnvironment(container, at);
    const settings = new Map(); // flag -> value the binary ends up with
    for (const [variable, value] of Object.entries(environment)) {
      const flag = flagOfVariable(variable);
      if (check(known.has(flag), `${at}: ${variable} sets a flag ${path.basename(binary)} has (--${flag})`)) {
        settings.set(flag, value);
      }
    }
    for (const arg of args) {
      if (!check(arg.name, `${at}: argument ${arg.raw} is a flag`)) continue;
      if (check(known.has(arg.name), `${at}: --${arg.name} is a flag ${path.basename(binary)} has`)) {
        settings.set(arg.name, arg.value);
      }
    }
    const run = spawnSync(binary, [...(container.args ?? []), "--version"], {
      encoding: "utf8",
      env: environment,
    });
    check(run.status === 0, `${at}: ${path.basename(binary)} accepts the manifest's flags and variables ` +
          `(exit ${run.status}: ${(run.stderr ?? "").trim()})`);

    const effective = (flag) => (settings.has(flag) ? settings.get(flag) : known.get(flag)?.default);

    check(effective("insecure") !== "true", `${at}: does not pass --insecure (mutual TLS only)`);
    if (known.has("dev_user")) {
      check(!effective("dev_user"), `${at}: does not pass --dev_user (development only, no sign-on)`);
    }

    const listen = effective("listen");
    let listenPort;
    if (check(listen !== undefined, `${at}: the binary has --listen`)) {
      listenPort = Number(listen.slice(listen.lastIndexOf(":") + 1));
      check(portNumbers.has(listenPort), `${at}: --listen=${listen} serves on a declared container port`);
      check(!/^(127\.|localhost|\[::1\])/.test(listen), `${at}: --listen=${listen} is reachable from outside the pod`);
    }
    const metricsListen = effective("metrics_listen");
    if (metricsListen) {
      const port = Number(metricsListen.slice(metricsListen.lastIndexOf(":") + 1));
      check(portNumbers.has(port), `${at}: --metrics_listen=${metricsListen} serves on a declared container port`);
    }

    // Probes: the services' gRPC health service on --health_listen; the
    // workbench's HTTP paths that answer without sign-in, on --listen.
    for (const { kind, probe, port } of probes) {
      if (known.has("health_listen")) {
        const health = effective("health_listen");
        const healthPort = health ? Number(health.slice(health.lastIndexOf(":") + 1)) : undefined;
        check(probe.grpc, `${at}: ${kind} asks the gRPC health service`);
        check(probe.grpc && port === healthPort, `${at}: ${kind} asks port ${port}, the --health_listen port (${health})`);
      } else {
        const wanted = kind === "livenessProbe" ? "/healthz" : "/readyz";
        check(probe.httpGet, `${at}: ${kind} is an httpGet probe`);
        check(probe.httpGet?.path === wanted,
              `${at}: ${kind} asks ${wanted}, which answers without sign-in (got ${probe.httpGet?.path})`);
        check(port === listenPort, `${at}: ${kind} port ${port} is the --listen port (${listen})`);
      }
    }

    // The workbench believes the user's header only from its proxy: a
    // sidecar in the pod, reaching it over loopback.
    const trusted = effective("trusted_proxies");
    if (trusted) {
      const proxies = trusted.split(",").map((p) => p.trim()).filter(Boolean);
      check(proxies.every(isLoopback), `${at}: --trusted_proxies=${trusted} trusts loopback only (the sidecar)`);
      const upstream = new RegExp(`^http://(127\\.0\\.0\\.1|localhost):${listenPort}/?$`);
      const sidecar = pod.containers.find((c) => c !== container &&
        parseArgs(c.args ?? []).some((a) => a.name === "upstream" && upstream.test(a.value ?? "")));
      if (check(sidecar, `${at}: a sidecar proxies to --listen's port ${listenPort} over loopback (--upstream=http://127.0.0.1:${listenPort}/)`)) {
        check(parseArgs(sidecar.args ?? []).some((a) => a.name === "pass-user-headers" && a.value === "true"),
              `${at}: sidecar ${sidecar.name} sets the user's headers from its own sign-in (--pass-user-headers=true)`);
      }
      if (listenPort !== undefined) privatePorts.push(listenPort);
    }

    const graceFlag = effective("shutdown_grace_seconds");
    if (graceFlag !== undefined) {
      check(Number(graceFlag) + kStoreCloseSeconds <= grace,
            `${at}: terminationGracePeriodSeconds ${grace} covers --shutdown_grace_seconds=${graceFlag} ` +
            `plus ${kStoreCloseSeconds} s to close the store`);
    }

    for (const [flag, value] of settings) {
      if (typeof value !== "string") continue;
      if (value.startsWith("/")) {
        const mount = mounts.find((m) => isUnder(value, m.mountPath));
        check(mount, `${at}: --${flag}=${value} lies on a mounted volume (the root filesystem is read-only)`);
        if (flag === "data_dir" && mount) {
          check(mount.volume?.claim && !mount.readOnly, `${at}: --data_dir=${value} lies on a writable PersistentVolumeClaim`);
        }
      }
      const hostPort = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[-a-z0-9.]+)?:(\d+)$/.exec(value);
      if (hostPort && !/^\d+$/.test(hostPort[1]) && hostPort[1] !== "localhost") {
        const service = services.find((s) => s.metadata.name === hostPort[1]);
        check(service && service.spec.ports.some((p) => p.port === Number(hostPort[4])),
              `${at}: --${flag}=${value} names a Service of the manifests and one of its ports`);
      }
    }
    if (known.has("data_dir")) {
      check(settings.has("data_dir"), `${at}: --data_dir is set (the default is relative to the working folder)`);
      check(workload.kind === "StatefulSet", `${at}: a binary with a store (--data_dir) runs in a StatefulSet, not a ${workload.kind}`);
    }
  }
  declaredPortsOfPods.push({ where, labels, ports: podPorts, private: privatePorts });
}

// --- Services and the disruption budget ------------------------------------

for (const service of services) {
  const where = `Service/${service.metadata.name}`;
  const pods = declaredPortsOfPods.filter((p) => matches(service.spec.selector, p.labels));
  if (!check(pods.length > 0, `${where}: selects the pods of a workload`)) continue;
  for (const port of service.spec.ports ?? []) {
    const target = port.targetPort ?? port.port;
    check(pods.every((p) => p.ports.some((c) => c.name === target || c.containerPort === target)),
          `${where}: targetPort ${target} is a declared container port of its pods`);
    for (const p of pods) {
      const number = typeof target === "number" ? target : p.ports.find((c) => c.name === target)?.containerPort;
      check(!p.private.includes(number),
            `${where}: targetPort ${target} is not ${p.where}'s port behind its proxy (${number})`);
    }
  }
}
const budgets = byKind("PodDisruptionBudget");
for (const budget of budgets) {
  check(declaredPortsOfPods.some((p) => selects(budget.spec.selector, p.labels)),
        `PodDisruptionBudget/${budget.metadata.name}: selects the pods of a workload`);
}
for (const p of declaredPortsOfPods) {
  const under = budgets.filter((b) => selects(b.spec.selector, p.labels)).map((b) => b.metadata.name);
  check(under.length === 1, `${p.where}: its pods are under exactly one PodDisruptionBudget (under: ${under.join(", ") || "none"})`);
}
check(workloads.length > 0 && byKind("PodDisruptionBudget").length > 0, "the manifests have workloads and a PodDisruptionBudget");

console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
