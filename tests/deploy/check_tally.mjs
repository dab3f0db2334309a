// The tally the offline deploy checks keep: each failed check is printed as
// it happens, and the end prints the counts and exits 1 when any failed, so
// that ctest shows every failure of a run, not only the first.

let passed = 0;
const failures = [];

// Counts `ok`, printing `what` when it is false; returns `ok`.
export function check(ok, what) {
  if (ok) ++passed;
  else {
    failures.push(what);
    console.log(`FAIL ${what}`);
  }
  return ok;
}

// Prints how the run went and ends the process: 0 when every check passed.
export function finish() {
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(failures.length === 0 ? 0 : 1);
}

// A call with the wrong arguments: the usage line, exit 2.
export function usage(line) {
  console.error(`usage: ${line}`);
  process.exit(2);
}
