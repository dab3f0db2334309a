#!/usr/bin/python3
"""Runs examples/python/inspect_caseload.py against real services.

  run_example.py (insecure | tls) INTAKE_SERVER FINDINGS_SERVER \
      DESCRIPTOR_SET SERVICE_CONFIG SOURCE_DIR

Starts intake_server and findings_server on 127.0.0.1:0 with stores in a
temporary folder (with mutual TLS: throwaway certificates from
scripts/lib/make_certs.sh and a policy naming the example's lead inspector),
runs the example, and checks what it prints, then runs it again to show
that a rerun stores nothing twice. Exit code 0 when every check passes.
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time

START_DEADLINE_SECONDS = 60  # a cap on a slow start, not a speed check
RUN_DEADLINE_SECONDS = 180

POLICY = """
caller {
  identity: "lead-1"
  role: "lead-inspector"
  assignment { inspection: "synthetic-2014-12" yot: "synthetic" }
}
caller { identity: "findings-service" role: "findings-service" }
"""

# What the example must print, in order.
EXPECTED = [
    r"^submitted 20 cases to yots/synthetic$",
    r"^CreateCase again with the same request_id: "
    r"yots/synthetic/cases/SYN-0001, the stored case$",
    r"^refused as expected: INVALID_ARGUMENT: .*\n"
    r"  case\.child\.age_at_sentence: ",
    r"^listed 20 cases of yots/synthetic in 3 pages of at most 8$",
    r"^inspection inspections/synthetic-2014-12: sample of (\d+) from "
    r"(\d+) eligible cases \(revision 1\)$",
    r"^findings holds all \d+ sampled cases$",
    r"^recorded judgements for \d+ cases against sqs-2014 version 1$",
    r"^verdict 1 Reducing reoffending: \d+% of \d+ cases",
    r"^overall: ",
]


class Service:
    """One server process; its address is read from its "serving on" line."""

    def __init__(self, argv, log_path):
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                        stderr=self.log)
        self.address = self._await_address()

    def _await_address(self):
        give_up = time.monotonic() + START_DEADLINE_SECONDS
        while time.monotonic() < give_up:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                found = re.search(r"serving on (\S+:\d+)", f.read())
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            raise SystemExit(f"{self.log_path}: not serving:\n{f.read()}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=START_DEADLINE_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def check_output(output):
    position = 0
    for pattern in EXPECTED:
        found = re.compile(pattern, re.M).search(output, position)
        if not found:
            return f"missing, after what matched so far: {pattern}"
        position = found.end()
        if pattern.startswith("^inspection"):
            sample, frame = int(found.group(1)), int(found.group(2))
            if not 0 < sample <= frame <= 20:
                return f"a sample of {sample} from {frame} makes no sense"
    return None


def main():
    mode, intake_bin, findings_bin, descriptors, config, source = sys.argv[1:]
    example = os.path.join(source, "examples/python/inspect_caseload.py")
    with tempfile.TemporaryDirectory(prefix="yj-python-example-") as tmp:
        if mode == "tls":
            certs = os.path.join(tmp, "certs")
            subprocess.run([os.path.join(source, "scripts/lib/make_certs.sh"),
                            certs, "lead-1"], check=True)
            policy = os.path.join(tmp, "policy.textproto")
            with open(policy, "w", encoding="utf-8") as f:
                f.write(POLICY)

            def security(who):
                return [f"--tls_cert={certs}/{who}.pem",
                        f"--tls_key={certs}/{who}.key",
                        f"--tls_ca={certs}/ca.pem",
                        f"--policy_file={policy}"]
            client = [f"--ca={certs}/ca.pem", f"--cert={certs}/lead-1.pem",
                      f"--key={certs}/lead-1.key"]
        else:
            def security(_):
                return ["--insecure"]
            client = ["--insecure", "--actor=lead-1"]
        # Server certificates name localhost and 127.0.0.1.
        intake = Service([intake_bin, "--listen=127.0.0.1:0",
                          f"--data_dir={tmp}/intake",
                          "--insecure_development_pseudonyms"]
                         + security("intake"), f"{tmp}/intake.log")
        services = [intake]
        try:
            findings = Service([findings_bin, "--listen=127.0.0.1:0",
                                f"--data_dir={tmp}/findings",
                                f"--intake={intake.address}"]
                               + security("findings"), f"{tmp}/findings.log")
            services.append(findings)
            argv = [sys.executable, example, f"--descriptor-set={descriptors}",
                    f"--service-config={config}",
                    f"--intake={intake.address}",
                    f"--findings={findings.address}"] + client
            for run in ("first run", "second run (nothing stored twice)"):
                result = subprocess.run(argv, capture_output=True, text=True,
                                        timeout=RUN_DEADLINE_SECONDS)
                print(f"--- {run}, exit code {result.returncode}\n"
                      f"{result.stdout}{result.stderr}")
                problem = (f"exit code {result.returncode}"
                           if result.returncode != 0
                           else check_output(result.stdout))
                if problem:
                    for s in services:
                        s.stop()
                    for log in ("intake.log", "findings.log"):
                        with open(f"{tmp}/{log}", encoding="utf-8",
                                  errors="replace") as f:
                            print(f"--- {log}\n{f.read()[-4000:]}")
                    print(f"FAILED ({run}): {problem}")
                    return 1
        finally:
            for s in services:
                s.stop()
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
