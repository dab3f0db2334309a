// The service binaries as a container runs them: configured by YJINSPECT_
// variables with the command line winning, and stopping cleanly on SIGTERM,
// also as PID 1 of their own PID namespace (where the kernel drops signals a
// process does not handle; the services block SIGTERM and sigwait for it).
// The workbench (workbench_server) likewise, and it answers only its
// authenticating proxy except for its probes (deploy/k8s/workbench.yaml
// relies on that).
// Usage: node --test service_process.test.mjs, with INTAKE_SERVER,
// FINDINGS_SERVER and WORKBENCH_SERVER naming the binaries.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";

const intake = process.env.INTAKE_SERVER;
const findings = process.env.FINDINGS_SERVER;
const workbench = process.env.WORKBENCH_SERVER;
assert.ok(intake && existsSync(intake), "INTAKE_SERVER names the intake_server binary");
assert.ok(findings && existsSync(findings), "FINDINGS_SERVER names the findings_server binary");
assert.ok(workbench && existsSync(workbench), "WORKBENCH_SERVER names the workbench_server binary");

const scratch = mkdtempSync(path.join(os.tmpdir(), "yj-service-process-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

// A failure cap, not a speed assertion: how long a start may take before the
// test gives up.
const kStartDeadlineMs = 60_000;

// Starts `command args` with exactly `env`; resolves once the log says
// "serving on", with the process, its log so far and a promise of its exit.
// These checks are about configuration, not transport: the services run
// plaintext (YJINSPECT_INSECURE), which also shows a boolean flag set by a
// variable. `base` is the environment under `env` (the workbench has no
// pseudonyms).
const kServiceBase = { YJINSPECT_INSECURE: "true", YJINSPECT_INSECURE_DEVELOPMENT_PSEUDONYMS: "true" };
function startService(command, args, env, base = kServiceBase) {
  env = { ...base, ...env };
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const serving = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving on" within the deadline; log:\n${log}`)), kStartDeadlineMs);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      // The whole line, which names the bound port.
      if (/serving on [^\n]*\n/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before serving; log:\n${log}`));
    });
  });
  return serving.then(() => ({ child, exited, log: () => log }));
}

// Resolves with the exit once the process ends; a process that ignores
// SIGTERM is killed at the cap and reported as such, instead of hanging.
function stopped(service, pid = service.child.pid) {
  const cap = setTimeout(() => process.kill(pid, "SIGKILL"), kStartDeadlineMs);
  return service.exited.then((exit) => {
    clearTimeout(cap);
    return exit;
  });
}

const isRocksDbStore = (folder) => existsSync(path.join(folder, "CURRENT"));

test("intake_server takes its flags from YJINSPECT_ variables", async () => {
  const store = path.join(scratch, "from-environment");
  const service = await startService(intake, [], {
    YJINSPECT_LISTEN: "127.0.0.1:0",
    YJINSPECT_DATA_DIR: store,
    YJINSPECT_LOG_LEVEL: "debug",
    YJINSPECT_NO_SUCH_FLAG: "x",
  });
  service.child.kill("SIGTERM");
  const { code } = await stopped(service);
  assert.equal(code, 0, service.log());
  assert.ok(isRocksDbStore(store), `the store is where YJINSPECT_DATA_DIR says; log:\n${service.log()}`);
  assert.match(service.log(), /configured from the environment: .*YJINSPECT_DATA_DIR/);
  assert.match(service.log(), /name no flag: YJINSPECT_NO_SUCH_FLAG/);
  assert.match(service.log(), /stopped cleanly/);
});

test("the command line wins over the environment", async () => {
  const fromEnvironment = path.join(scratch, "env-loses");
  const fromCommandLine = path.join(scratch, "command-line-wins");
  const service = await startService(findings, [`--data_dir=${fromCommandLine}`], {
    YJINSPECT_LISTEN: "127.0.0.1:0",
    YJINSPECT_DATA_DIR: fromEnvironment,
    // Nothing listens here; the findings service keeps retrying, which does
    // not stop it from serving or from stopping.
    YJINSPECT_INTAKE: "127.0.0.1:1",
  });
  service.child.kill("SIGTERM");
  const { code } = await stopped(service);
  assert.equal(code, 0, service.log());
  assert.ok(isRocksDbStore(fromCommandLine), service.log());
  assert.ok(!existsSync(fromEnvironment), "the environment's folder was not used");
});

test("a variable its flag cannot parse stops the service before it starts", async () => {
  const child = spawn(intake, [], {
    env: { YJINSPECT_SHUTDOWN_GRACE_SECONDS: "soon", YJINSPECT_DATA_DIR: path.join(scratch, "never") },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (chunk) => (log += chunk));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  assert.equal(code, 2);
  assert.match(log, /YJINSPECT_SHUTDOWN_GRACE_SECONDS="soon"/);
  assert.ok(!existsSync(path.join(scratch, "never")), "no store was opened");
});

// The host pid of unshare's child (PID 1 inside the new namespace).
function childOf(pid) {
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
    if (children) return Number(children.split(/\s+/)[0]);
  }
  return null;
}

// unshare --pid needs CAP_SYS_ADMIN: root on a machine or VM, but not inside
// an unprivileged container. Where the kernel refuses it, the check is
// skipped with that reason (node's test runner reports it as skipped).
function canUnsharePid() {
  const probe = spawnSync("unshare", ["--pid", "--fork", "true"], { stdio: "ignore" });
  return probe.status === 0;
}

test("as PID 1 of a container, SIGTERM stops intake_server cleanly", async (t) => {
  if (!canUnsharePid()) {
    t.skip("unshare --pid is not permitted here (needs CAP_SYS_ADMIN)");
    return;
  }
  const store = path.join(scratch, "pid-one");
  const service = await startService("unshare", ["--pid", "--fork", "--kill-child", intake], {
    YJINSPECT_LISTEN: "127.0.0.1:0",
    YJINSPECT_DATA_DIR: store,
  });
  const pidOne = childOf(service.child.pid);
  assert.ok(pidOne, "unshare started the service as a child");
  const status = readFileSync(`/proc/${pidOne}/status`, "utf8");
  assert.match(status, /^NSpid:\s+\d+\s+1$/m, "the service is PID 1 of its namespace");
  process.kill(pidOne, "SIGTERM");
  const { code } = await stopped(service, pidOne);
  assert.equal(code, 0, service.log());
  assert.match(service.log(), /signal 15 received/);
  assert.match(service.log(), /stopped cleanly/);
});

// --- the workbench ------------------------------------------------------------

// A policy of one person, for the workbench's sign-in.
const workbenchPolicy = path.join(scratch, "workbench-policy.textproto");
writeFileSync(workbenchPolicy,
  'caller { identity: "dev" role: "inspector" assignment { inspection: "x-1" yot: "x" } }\n');
const kWorkbenchBase = { YJINSPECT_INSECURE: "true", YJINSPECT_POLICY_FILE: workbenchPolicy };

// GET on a connection of its own, closed after the answer: an idle
// keep-alive connection would hold the workbench's stop for seconds.
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode, body }));
    }).on("error", reject);
  });
}

// The address the workbench's log says it serves on.
function servingAddress(log) {
  const m = /serving on ([^,\s]+):(\d+),/.exec(log);
  assert.ok(m, `the log names the address served; log:\n${log}`);
  return `http://${m[1]}:${m[2]}`;
}

test("workbench_server takes its flags from YJINSPECT_ variables and stops cleanly on SIGTERM", async () => {
  const service = await startService(workbench, [], {
    YJINSPECT_DEV_USER: "dev",
    YJINSPECT_LISTEN: "127.0.0.1:0",
    YJINSPECT_INTAKE: "127.0.0.1:1",
    YJINSPECT_FINDINGS: "127.0.0.1:2",
    YJINSPECT_LOG_LEVEL: "debug",
    YJINSPECT_NO_SUCH_FLAG: "x",
  }, kWorkbenchBase);
  try {
    assert.match(service.log(), /configured from the environment: .*YJINSPECT_DEV_USER/);
    assert.match(service.log(), /name no flag: YJINSPECT_NO_SUCH_FLAG/);
    assert.match(service.log(), /intake at 127\.0\.0\.1:1, findings at 127\.0\.0\.1:2/);
    const base = servingAddress(service.log());
    assert.equal((await get(`${base}/healthz`)).status, 200);
    // The development user, from YJINSPECT_DEV_USER; no service is called.
    const session = await get(`${base}/workbench/session`);
    assert.equal(session.status, 200, session.body);
    assert.equal(JSON.parse(session.body).user, "dev");
  } finally {
    service.child.kill("SIGTERM");
  }
  const { code, signal } = await stopped(service);
  assert.equal(signal, null, service.log());
  assert.equal(code, 0, service.log());
  assert.match(service.log(), /stopping/);
});

test("the workbench answers only its proxy, except /healthz and /readyz", async () => {
  // As in deploy/k8s/workbench.yaml, with the proxy elsewhere: this test's
  // requests come from 127.0.0.1, which the workbench does not trust.
  const service = await startService(workbench, [], {
    YJINSPECT_LISTEN: "127.0.0.1:0",
    YJINSPECT_TRUSTED_PROXIES: "192.0.2.1",
    YJINSPECT_INTAKE: "127.0.0.1:1",
    YJINSPECT_FINDINGS: "127.0.0.1:2",
  }, kWorkbenchBase);
  try {
    const base = servingAddress(service.log());
    for (const route of ["/", "/workbench/session", "/v1/inspections/x-1"]) {
      const response = await get(`${base}${route}`, { "X-Forwarded-User": "dev" });
      assert.equal(response.status, 403, `${route} is refused to a caller that is not the proxy`);
      assert.match(response.body, /NOT_FROM_PROXY/);
    }
    assert.equal((await get(`${base}/healthz`)).status, 200, "/healthz answers anyone");
    // Nothing listens at the services' addresses: not ready, but answered.
    assert.equal((await get(`${base}/readyz`)).status, 503, "/readyz answers anyone");
  } finally {
    service.child.kill("SIGTERM");
  }
  const { code } = await stopped(service);
  assert.equal(code, 0, service.log());
});

test("as PID 1 of a container, SIGTERM stops workbench_server cleanly", async (t) => {
  if (!canUnsharePid()) {
    t.skip("unshare --pid is not permitted here (needs CAP_SYS_ADMIN)");
    return;
  }
  const service = await startService("unshare", ["--pid", "--fork", "--kill-child", workbench], {
    YJINSPECT_DEV_USER: "dev",
    YJINSPECT_LISTEN: "127.0.0.1:0",
  }, kWorkbenchBase);
  const pidOne = childOf(service.child.pid);
  assert.ok(pidOne, "unshare started the workbench as a child");
  const status = readFileSync(`/proc/${pidOne}/status`, "utf8");
  assert.match(status, /^NSpid:\s+\d+\s+1$/m, "the workbench is PID 1 of its namespace");
  process.kill(pidOne, "SIGTERM");
  const { code } = await stopped(service, pidOne);
  assert.equal(code, 0, service.log());
  assert.match(service.log(), /stopping/);
});
