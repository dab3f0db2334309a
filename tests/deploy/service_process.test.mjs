// The service binaries as a container runs them: configured by YJINSPECT_
// variables with the command line winning, and stopping cleanly on SIGTERM,
// also as PID 1 of their own PID namespace (where the kernel drops signals a
// process does not handle; the services block SIGTERM and sigwait for it).
// Usage: node --test service_process.test.mjs, with INTAKE_SERVER and
// FINDINGS_SERVER naming the binaries.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";

const intake = process.env.INTAKE_SERVER;
const findings = process.env.FINDINGS_SERVER;
assert.ok(intake && existsSync(intake), "INTAKE_SERVER names the intake_server binary");
assert.ok(findings && existsSync(findings), "FINDINGS_SERVER names the findings_server binary");

const scratch = mkdtempSync(path.join(os.tmpdir(), "yj-service-process-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

// A failure cap, not a speed assertion: how long a start may take before the
// test gives up.
const kStartDeadlineMs = 60_000;

// Starts `command args` with exactly `env`; resolves once the log says
// "serving on", with the process, its log so far and a promise of its exit.
// These checks are about configuration, not transport: the services run
// plaintext (YJINSPECT_INSECURE), which also shows a boolean flag set by a
// variable.
function startService(command, args, env) {
  env = { YJINSPECT_INSECURE: "true", YJINSPECT_INSECURE_DEVELOPMENT_PSEUDONYMS: "true", ...env };
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const serving = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving on" within the deadline; log:\n${log}`)), kStartDeadlineMs);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      if (log.includes("serving on")) {
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
