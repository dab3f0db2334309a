#include "bench/report.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "nlohmann/json.hpp"

namespace yjinspect::bench {
namespace {

using nlohmann::json;

std::string ReadFile(const std::string& path, bool* found) {
  std::ifstream in(path);
  *found = static_cast<bool>(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class Results {
 public:
  explicit Results(std::vector<json> lines) : lines_(std::move(lines)) {}

  // The line of `bench` (with `clients`, when given); null json if none.
  json Find(const std::string& bench, int clients = -1) const {
    for (const json& line : lines_) {
      if (line.value("bench", "") != bench) continue;
      if (clients >= 0 && line.value("clients", -1) != clients) continue;
      return line;
    }
    return json();
  }

  std::vector<json> All(const std::string& bench) const {
    std::vector<json> out;
    for (const json& line : lines_) {
      if (line.value("bench", "") == bench) out.push_back(line);
    }
    return out;
  }

 private:
  std::vector<json> lines_;
};

double Num(const json& line, const std::string& key) {
  if (line.is_null() || !line.contains(key) || !line[key].is_number()) {
    return -1;
  }
  return line[key].get<double>();
}

std::string Fmt(double value, const char* unit = "") {
  if (value < 0) return "n/a";
  if (value >= 1000) return absl::StrFormat("%.0f%s", value, unit);
  if (value >= 10) return absl::StrFormat("%.1f%s", value, unit);
  if (value < 0.1 && value > 0) return absl::StrFormat("%.2g%s", value, unit);
  return absl::StrFormat("%.2f%s", value, unit);
}

struct Goal {
  std::string what;
  double value;
  double baseline;  // <0: the goal is an absolute bound
  std::string unit;
  bool at_least;  // value/baseline (or value) must be >= target
  double target;
};

void GoalRow(std::ostream& out, const Goal& g) {
  const bool measured = g.value >= 0 && (g.baseline < 0 || g.baseline > 0);
  const double ratio = g.baseline > 0 ? g.value / g.baseline : -1;
  const double compared = g.baseline > 0 ? ratio : g.value;
  std::string met = "not measured";
  if (measured) {
    met = (g.at_least ? compared >= g.target : compared <= g.target)
              ? "**met**"
              : "**missed**";
  }
  out << "| " << g.what << " | " << Fmt(g.value, g.unit.c_str()) << " | "
      << (g.baseline < 0 ? "—" : Fmt(g.baseline, g.unit.c_str())) << " | "
      << (g.baseline > 0 ? Fmt(ratio) : "—") << " | "
      << (g.at_least ? "≥ " : "≤ ") << Fmt(g.target)
      << (g.baseline > 0 ? " ×" : g.unit) << " | " << met << " |\n";
}

void WriteGoals(const Results& r, std::ostream& out) {
  out << "## Goals\n\n"
      << "Each ratio compares figures measured in the same run.\n\n"
      << "| goal | value | baseline | ratio | target | |\n"
      << "|---|---|---|---|---|---|\n";
  for (int clients : {16, 64}) {
    GoalRow(out,
            {absl::StrFormat("durable CreateCase/s at %d clients vs raw "
                             "RocksDB synced writes/s, %d threads",
                             clients, clients),
             Num(r.Find("create_case", clients), "per_s"),
             Num(r.Find("rocksdb_sync", clients), "per_s"), "", true, 0.5});
  }
  for (int clients : {16, 64}) {
    GoalRow(out, {absl::StrFormat("durable CreateCase/s at %d clients vs "
                                  "bare gRPC echo/s",
                                  clients),
                  Num(r.Find("create_case", clients), "per_s"),
                  Num(r.Find("echo", clients), "per_s"), "", true, 0.6});
  }
  GoalRow(out,
          {"cases per WAL sync at 32 clients (RocksDB's "
           "rocksdb.wal.synced)",
           Num(r.Find("create_case", 32), "cases_per_sync"), -1, "", true, 10});
  GoalRow(out, {"p99 CreateCase acknowledgement at 16 clients vs p99 "
                "fdatasync of the same size (µs)",
                Num(r.Find("create_case", 16), "p99_us"),
                Num(r.Find("fdatasync"), "p99_us"), "", false, 5});
  // Where echo's p99 alone is over five fdatasyncs, the goal is echo's.
  GoalRow(out, {"the same vs the bare gRPC echo's p99 at 16 clients (the "
                "goal where echo's p99 alone exceeds 5 × fdatasync's; µs)",
                Num(r.Find("create_case", 16), "p99_us"),
                Num(r.Find("echo", 16), "p99_us"), "", false, 1.5});
  for (const json& batch : r.All("batch_create_cases")) {
    const int clients = batch.value("clients", 0);
    GoalRow(
        out,
        {absl::StrFormat("BatchCreateCases cases/s, %d client(s), chunks "
                         "of %d, vs raw RocksDB synced batches",
                         clients, batch.value("chunk", 0)),
         Num(batch, "per_s"),
         Num(r.Find("rocksdb_sync_batch", clients), "per_s"), "", true, 0.5});
  }
  const json stream = r.Find("stream");
  const json consumer = r.Find("rocksdb_unsynced_batches");
  GoalRow(out,
          {absl::StrFormat("stream delivery cases/s (live) vs raw RocksDB "
                           "unsynced batches of %d records of the same size "
                           "(the consumer's writes)",
                           consumer.value("batch", 0)),
           Num(stream, "live_per_s"), Num(consumer, "per_s"), "", true, 0.5});
  GoalRow(out, {"catching up after a findings restart vs live delivery "
                "(cases/s)",
                Num(stream, "catchup_per_s"), Num(stream, "live_per_s"), "",
                true, 1.0});
  json stalled = r.Find("stalled_subscribers");
  if (stalled.is_null()) stalled = json::object();
  for (const char* q : {"p50", "p99"}) {
    GoalRow(out,
            {absl::StrFormat("CreateCase %s at %d writer(s) with %d stalled "
                             "stream subscribers vs with none (µs)",
                             q, stalled.value("clients", 0),
                             stalled.value("subscribers", 0)),
             Num(stalled, absl::StrCat(q, "_us")),
             Num(stalled, absl::StrCat("without_", q, "_us")), "", false, 1.5});
  }
  GoalRow(out, {"national verdict run, 150 YOTs × 50 cases × 60 criteria "
                "(median wall time)",
                Num(r.Find("national_verdicts"), "median_ms"), -1, " ms", false,
                100});
  GoalRow(out, {"the same, CPU time of the thread (the shared cores' other "
                "work left out)",
                Num(r.Find("national_verdicts"), "median_cpu_ms"), -1, " ms",
                false, 100});
  const json million = r.Find("million");
  const auto mb = [&](const char* key) {
    const double kb = Num(million, key);
    return kb < 0 ? -1.0 : kb / 1024.0;
  };
  GoalRow(out, {"intake peak resident memory with a million cases",
                mb("intake_peak_kb"), -1, " MB", false, 120});
  GoalRow(out, {"findings peak resident memory with a million cases",
                mb("findings_peak_kb"), -1, " MB", false, 150});
  GoalRow(out, {"intake restart with a million cases (exec to SERVING and "
                "one read)",
                Num(million, "intake_restart_s"), -1, " s", false, 2});
  GoalRow(out, {"findings restart with a million cases (exec to SERVING "
                "and one read)",
                Num(million, "findings_restart_s"), -1, " s", false, 2});
  out << "\n";
}

void WriteFigures(const Results& r, std::ostream& out) {
  out << "## Figures\n\n### Durable CreateCase against its baselines\n\n"
      << "Closed loop: each client sends its next call when the last is "
         "answered. Echo: a bare gRPC server with the same messages. Raw "
         "RocksDB: as many threads each doing synced Puts of one value the "
         "size of the case.\n\n"
      << "| clients | CreateCase/s | p50 µs | p99 µs | cases per WAL sync | "
         "echo/s | echo p99 µs | raw RocksDB/s | raw p99 µs | raw values per "
         "sync | ÷ raw | ÷ echo |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const json& line : r.All("create_case")) {
    const int clients = line.value("clients", 0);
    const json echo = r.Find("echo", clients);
    const json raw = r.Find("rocksdb_sync", clients);
    const double per_s = Num(line, "per_s");
    out << "| " << clients << " | " << Fmt(per_s) << " | "
        << Fmt(Num(line, "p50_us")) << " | " << Fmt(Num(line, "p99_us"))
        << " | " << Fmt(Num(line, "cases_per_sync")) << " | "
        << Fmt(Num(echo, "per_s")) << " | " << Fmt(Num(echo, "p99_us")) << " | "
        << Fmt(Num(raw, "per_s")) << " | " << Fmt(Num(raw, "p99_us")) << " | "
        << Fmt(Num(raw, "values_per_sync")) << " | "
        << Fmt(per_s / Num(raw, "per_s")) << " | "
        << Fmt(per_s / Num(echo, "per_s")) << " |\n";
  }
  const json sync = r.Find("fdatasync");
  out << "\nRaw `write`+`fdatasync` of " << sync.value("size", 0)
      << " bytes, one thread: " << Fmt(Num(sync, "per_s")) << "/s, p50 "
      << Fmt(Num(sync, "p50_us")) << " µs, p99 " << Fmt(Num(sync, "p99_us"))
      << " µs.\n\n";
  // The goal against raw RocksDB holds only where a server that does
  // nothing could meet it: echo itself at 0.6 of raw or more.
  for (int clients : {16, 64}) {
    const double echo_share = Num(r.Find("echo", clients), "per_s") /
                              Num(r.Find("rocksdb_sync", clients), "per_s");
    out << "At " << clients << " clients the echo server reaches "
        << Fmt(echo_share) << " of raw RocksDB: the goal of 0.5 × raw "
        << (echo_share >= 0.6 ? "applies"
                              : "does not apply (the clients, gRPC and the "
                                "server share the two cores that raw "
                                "RocksDB has to itself)")
        << ".\n";
  }
  out << "\n### BatchCreateCases\n\n"
      << "Each client calls BatchCreateCases with one chunk and waits for "
         "its answer; raw RocksDB: as many threads writing synced batches of "
         "the same number of values.\n\n"
      << "| clients | chunk | cases/s | p50 µs/chunk | p99 µs/chunk | raw "
         "RocksDB values/s | ratio |\n|---|---|---|---|---|---|---|\n";
  for (const json& line : r.All("batch_create_cases")) {
    const json raw = r.Find("rocksdb_sync_batch", line.value("clients", 0));
    out << "| " << line.value("clients", 0) << " | " << line.value("chunk", 0)
        << " | " << Fmt(Num(line, "per_s")) << " | " << Fmt(Num(line, "p50_us"))
        << " | " << Fmt(Num(line, "p99_us")) << " | " << Fmt(Num(raw, "per_s"))
        << " | " << Fmt(Num(line, "per_s") / Num(raw, "per_s")) << " |\n";
  }
  const json stream = r.Find("stream");
  const json consumer = r.Find("rocksdb_unsynced_batches");
  out << "\n### Stream delivery (intake to findings store)\n\n"
      << "Live: " << stream.value("cases", 0) << " sampled cases in "
      << stream.value("draws", 0) << " draws delivered at "
      << Fmt(Num(stream, "live_per_s"))
      << " cases/s; acknowledgement of a draw to the findings cursor "
         "passing it: p50 "
      << Fmt(Num(stream, "p50_us") / 1000) << " ms, p99 "
      << Fmt(Num(stream, "p99_us") / 1000)
      << " ms. Catch-up after a "
         "restart of the findings service: "
      << stream.value("catchup_cases", 0) << " cases at "
      << Fmt(Num(stream, "catchup_per_s"))
      << " cases/s (from exec of the new server to the head). ";
  if (Num(stream, "producer_per_s") > 0) {
    // Lines from runs before this figure existed have none.
    out << "The producer alone (the catch-up round's draws, with the findings "
           "service stopped): "
        << Fmt(Num(stream, "producer_per_s")) << " cases/s; live delivery is "
        << Fmt(Num(stream, "live_per_s") / Num(stream, "producer_per_s"))
        << " of it, and no delivery can be faster than the draws that make "
           "the cases. ";
  }
  out << "Raw RocksDB "
         "sequential read of as many "
      << stream.value("case_bytes", 0)
      << "-byte records: " << Fmt(Num(r.Find("rocksdb_readseq"), "per_s"))
      << " records/s (live delivery is "
      << Fmt(Num(stream, "live_per_s") /
             Num(r.Find("rocksdb_readseq"), "per_s"))
      << " of it); raw RocksDB unsynced batches of "
      << consumer.value("batch", 0)
      << " of them, the consumer's writes: " << Fmt(Num(consumer, "per_s"))
      << " records/s.\n\n";
  const json stalled = r.Find("stalled_subscribers");
  out << "### Stalled stream subscribers\n\n";
  if (stalled.is_null()) {
    out << "Not run.\n\n";
  } else {
    out << "`intake_server` as its own process; " << stalled.value("clients", 0)
        << " CreateCase writer(s) in a closed loop, first with no subscriber, "
           "then with "
        << stalled.value("subscribers", 0)
        << " StreamSampledCases subscribers, each on its own connection, "
           "that never read, stalled by a sample of 500 cases drawn after "
           "they subscribed (more than a flow-control window each). The "
           "writers' cases are in no sample, so every commit moves the head "
           "past changes the streams do not carry.\n\n"
        << "| | CreateCase/s | p50 µs | p99 µs | slowest µs | intake resident "
           "after |\n"
        << "|---|---|---|---|---|---|\n"
        << "| no subscriber | " << Fmt(Num(stalled, "without_per_s")) << " | "
        << Fmt(Num(stalled, "without_p50_us")) << " | "
        << Fmt(Num(stalled, "without_p99_us")) << " | "
        << Fmt(Num(stalled, "without_max_us")) << " | "
        << Fmt(Num(stalled, "rss_without_kb") / 1024, " MB") << " |\n"
        << "| " << stalled.value("subscribers", 0) << " stalled | "
        << Fmt(Num(stalled, "per_s")) << " | " << Fmt(Num(stalled, "p50_us"))
        << " | " << Fmt(Num(stalled, "p99_us")) << " | "
        << Fmt(Num(stalled, "max_us")) << " | "
        << Fmt(Num(stalled, "rss_with_kb") / 1024, " MB") << " |\n\n"
        << "intake's resident memory once the subscribers were stalled, "
           "before the writers: "
        << Fmt(Num(stalled, "rss_filled_kb") / 1024, " MB")
        << "; its peak over the run (VmHWM, which the kernel updates lazily): "
        << Fmt(Num(stalled, "peak_kb") / 1024, " MB") << ".\n\n";
  }
  const json verdicts = r.Find("national_verdicts");
  out << "### National verdict run\n\n"
      << verdicts.value("yots", 0) << " inspections × "
      << verdicts.value("cases", 0) << " cases × "
      << verdicts.value("criteria", 0)
      << " case criteria (sqs-2014 with its criteria copied to 60), "
         "synthetic judgements: median "
      << Fmt(Num(verdicts, "median_ms")) << " ms, slowest "
      << Fmt(Num(verdicts, "max_ms")) << " ms over "
      << (verdicts.contains("runs_ms") ? verdicts["runs_ms"].size() : 0)
      << " runs (wall time); the median run took "
      << Fmt(Num(verdicts, "median_cpu_ms"))
      << " ms of CPU time, the rest of the wall time being other processes "
         "on the shared cores.\n\n";
  const json m = r.Find("million");
  out << "### A million cases, real processes\n\n";
  if (m.is_null()) {
    out << "Not run.\n\n";
    return;
  }
  out << m.value("cases", 0) << " cases loaded into `intake_server` with "
      << "BatchCreateCases in " << Fmt(Num(m, "load_s")) << " s ("
      << Fmt(m.value("cases", 0) / Num(m, "load_s")) << " cases/s); "
      << m.value("yots", 0) << " inspections drawn, each naming every case "
      << "of its YOT, in " << Fmt(Num(m, "draw_s")) << " s. `findings_server` "
      << "then started and applied " << m.value("delivered", 0)
      << " changes (every case) in " << Fmt(Num(m, "delivery_s")) << " s ("
      << Fmt(m.value("delivered", 0) / Num(m, "delivery_s"))
      << " changes/s). intake_server was resident at "
      << Fmt(Num(m, "intake_loaded_rss_kb") / 1024, " MB")
      << " after the load, before the draws. The findings service holds "
         "sampled cases only, so every case was put in a sample (named "
         "samples take up to 500 cases) for it to hold a million.\n\n"
      << "| process | peak resident (VmHWM) | resident at the end | restart "
         "to SERVING + one read | resident after restart |\n"
         "|---|---|---|---|---|\n"
      << "| intake_server | " << Fmt(Num(m, "intake_peak_kb") / 1024, " MB")
      << " | " << Fmt(Num(m, "intake_rss_kb") / 1024, " MB") << " | "
      << Fmt(Num(m, "intake_restart_s"), " s") << " | "
      << Fmt(Num(m, "intake_restart_rss_kb") / 1024, " MB") << " |\n"
      << "| findings_server | " << Fmt(Num(m, "findings_peak_kb") / 1024, " MB")
      << " | " << Fmt(Num(m, "findings_rss_kb") / 1024, " MB") << " | "
      << Fmt(Num(m, "findings_restart_s"), " s") << " | "
      << Fmt(Num(m, "findings_restart_rss_kb") / 1024, " MB") << " |\n\n";
}

}  // namespace

bool WriteReport(const std::string& results, const std::string& machine,
                 const std::vector<std::string>& attach, std::ostream& out) {
  std::ifstream in(results);
  if (!in) {
    std::cerr << "cannot read " << results << "\n";
    return false;
  }
  std::vector<json> lines;
  std::string text;
  while (std::getline(in, text)) {
    if (text.empty() || text[0] != '{') continue;
    json line = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!line.is_discarded()) lines.push_back(std::move(line));
  }
  const Results r(std::move(lines));
  out << "# yjinspect benchmark results\n\n"
      << "Written by `bench/run` (do not edit by hand). Every figure is "
         "compared only with a baseline measured in the same run: the "
         "machines are shared and noisy.\n\n";
  bool found = false;
  const std::string machine_text = ReadFile(machine, &found);
  if (found) out << machine_text << "\n";
  WriteGoals(r, out);
  WriteFigures(r, out);
  for (const std::string& path : attach) {
    const std::string attached = ReadFile(path, &found);
    if (!found) continue;
    out << "---\n\n<!-- pasted from " << path << " -->\n\n" << attached << "\n";
  }
  return true;
}

}  // namespace yjinspect::bench
