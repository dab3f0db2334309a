// Every flag is documented twice: in the program's own help, and in the
// README's Configuration section.
//   - services (absl): each flag defined outside abseil has a help string in
//     --helpfull, and the README names it with its YJINSPECT_ variable;
//   - yjinspect (CLI11): each option in --help-all has a description; global
//     options and their environment variables are in the README, and each
//     subcommand's row in the README names all its options.
// Usage: node check_flags_documented.mjs README.md SERVICE_BINARY... --cli YJINSPECT_BINARY

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

import { check, finish, usage } from "./check_tally.mjs";

const args = process.argv.slice(2);
const readmePath = args[0];
const cliIndex = args.indexOf("--cli");
const serviceBinaries = args.slice(1, cliIndex < 0 ? undefined : cliIndex);
const cliBinary = cliIndex < 0 ? null : args[cliIndex + 1];
if (!readmePath || serviceBinaries.length === 0 || !cliBinary) {
  usage("node check_flags_documented.mjs README.md SERVICE_BINARY... --cli YJINSPECT_BINARY");
}

const readme = readFileSync(readmePath, "utf8");
const sectionStart = readme.search(/^## Configuration\s*$/m);
check(sectionStart >= 0, "README.md has a '## Configuration' section");
const afterStart = readme.slice(sectionStart + 1);
const sectionEnd = afterStart.search(/^## /m);
const section = sectionStart < 0 ? "" : sectionEnd < 0 ? afterStart : afterStart.slice(0, sectionEnd);
const mentions = (text, word) => new RegExp(`\`${word.replace(/[-]/g, "\\-")}[\`=\\s]`).test(text);

// --- services ----------------------------------------------------------------

for (const binary of serviceBinaries) {
  const name = path.basename(binary);
  const run = spawnSync(binary, ["--helpfull"], { encoding: "utf8", env: {} });
  const text = `${run.stdout}${run.stderr}`;
  const own = [];
  for (const block of text.split(/^\s*Flags from /m).slice(1)) {
    const file = block.slice(0, block.indexOf(":"));
    if (file.includes("absl/")) continue;
    const joined = block.replace(/\n\s+/g, " ");
    for (const m of joined.matchAll(/--(\w+) \((.*?)\); default:/g)) own.push({ flag: m[1], help: m[2], file });
  }
  check(own.length > 0, `${name} --helpfull lists its own flags`);
  for (const { flag, help, file } of own) {
    check(help.trim().length >= 10, `${name} --${flag} (${file}) has a help string in --help`);
    check(mentions(section, `--${flag}`), `README Configuration names ${name}'s --${flag}`);
    const variable = `YJINSPECT_${flag.toUpperCase()}`;
    check(mentions(section, variable), `README Configuration names ${variable} (${name} --${flag})`);
  }
}

// --- the command line --------------------------------------------------------

const help = spawnSync(cliBinary, ["--help-all"], { encoding: "utf8", env: {} });
check(help.status === 0, "yjinspect --help-all succeeds");
let subcommand = null; // null: global options
const lines = help.stdout.split("\n");
const optionsBySubcommand = new Map([[null, []]]);
for (let i = 0; i < lines.length; ++i) {
  const line = lines[i];
  const heading = /^([a-z][\w-]*)$/.exec(line);
  if (heading) {
    subcommand = heading[1];
    optionsBySubcommand.set(subcommand, []);
    continue;
  }
  const option = /^\s+(?:-\w,)?(--[\w-]+)(.*)$/.exec(line);
  if (!option || option[1] === "--help" || option[1] === "--help-all") continue;
  // The description follows the option's spec after a run of spaces, or is
  // the next, more indented line.
  const rest = option[2].replace(/\(Env:\w+\)/, "");
  // (CLI11 separates the columns by two or more spaces; a spec such as
  // "INT:INT in [1 - 1000]=500" has single spaces only.)
  const sameLine = / {2,}\S/.test(rest);
  const nextLine = i + 1 < lines.length && /^\s{20,}\S/.test(lines[i + 1]) && !/^\s+-/.test(lines[i + 1]);
  const where = subcommand ?? "global";
  check(sameLine || nextLine, `yjinspect ${where} ${option[1]} has a description in --help`);
  const env = /\(Env:(\w+)\)/.exec(option[2]);
  optionsBySubcommand.get(subcommand).push({ option: option[1], env: env?.[1] });
}

for (const { option, env } of optionsBySubcommand.get(null)) {
  check(mentions(section, option), `README Configuration names yjinspect's global ${option}`);
  if (env) check(mentions(section, env), `README Configuration names ${env} (yjinspect ${option})`);
}
for (const [command, options] of optionsBySubcommand) {
  if (command === null) continue;
  const row = section.split("\n").find((l) => l.startsWith(`| \`${command}\``));
  if (!check(row, `README Configuration has a row for yjinspect ${command}`)) continue;
  for (const { option } of options) {
    check(mentions(row, option), `README Configuration's ${command} row names ${option}`);
  }
}

finish();
