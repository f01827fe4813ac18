// Real crash recovery: a writer process (forked from the test, on the POSIX Env and a real
// directory) runs a deterministic stream of adds, replaces, deletes and commits, printing
// each operation's number to a pipe once the call returned OK. The test kills it with
// SIGKILL at a random moment, checks the directory with Check(), reopens it, and verifies
// that every acknowledged operation is reflected (the one in flight may or may not be).
// Repeated for several cycles on the same directory, each resuming after the last
// acknowledged operation. Bounded to a few seconds.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "rasd/base/env.h"
#include "rasd/index/check.h"
#include "rasd/index/index_writer.h"

namespace rasd::index {
namespace {

constexpr int kIds = 300;

// Operation n of the stream: on id d<n % kIds>, a delete every 11th, else an add of version n.
bool IsDelete(int64_t n) { return n % 11 == 10; }
std::string IdOf(int64_t n) { return "d" + std::to_string(n % kIds); }

IndexDocument DocOf(int64_t n) {
  IndexDocument d;
  d.set_id(IdOf(n));
  const size_t body = d.AddTextField("body");
  d.AddToken(body, "common", 0);
  d.AddToken(body, "v" + std::to_string(n), 1);
  for (int i = 0; i < 20; ++i) d.AddToken(body, "w" + std::to_string((n * 31 + i * 7) % 500), 2 + i);
  d.AddKeyword("parity", n % 2 == 0 ? "even" : "odd");
  d.AddNumeric("n", n);
  d.set_stored("version " + std::to_string(n) + std::string(static_cast<size_t>(n % 300), 'x'));
  return d;
}

IndexWriterOptions Options() {
  IndexWriterOptions o;
  o.ram_budget_bytes = 256 << 10;  // flushes and merges happen while the process is killed
  o.merge.segments_per_tier = 3;
  o.merge.floor_segment_bytes = 64 << 10;
  return o;
}

// The child: runs operations from `first` on, acknowledging each on `fd`. Never returns.
[[noreturn]] void RunWriter(const std::string& dir, int64_t first, int fd) {
  auto w = IndexWriter::Open(base::Env::Default(), dir, Options());
  if (!w.ok()) {
    std::fprintf(stderr, "child: %s\n", w.status().ToString().c_str());
    _exit(3);
  }
  for (int64_t n = first;; ++n) {
    Status s = IsDelete(n) ? (*w)->DeleteDocument(IdOf(n)).status() : (*w)->AddDocument(DocOf(n));
    if (s.ok() && n % 97 == 96) s = (*w)->Commit();
    if (s.ok() && n % 1000 == 999) s = (*w)->ForceMerge(2);
    if (!s.ok()) {
      std::fprintf(stderr, "child: op %lld: %s\n", static_cast<long long>(n), s.ToString().c_str());
      _exit(4);
    }
    const std::string line = std::to_string(n) + "\n";
    if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
  }
}

// Expected content: id -> version of its last add, or absent when deleted.
std::map<std::string, int64_t> Expected(int64_t last) {
  std::map<std::string, int64_t> m;
  for (int64_t n = 0; n <= last; ++n) {
    if (IsDelete(n)) {
      m.erase(IdOf(n));
    } else {
      m[IdOf(n)] = n;
    }
  }
  return m;
}

std::string Differences(const IndexReader& r, const std::map<std::string, int64_t>& want) {
  if (r.num_docs() != want.size()) {
    return "num_docs " + std::to_string(r.num_docs()) + " want " + std::to_string(want.size());
  }
  StoredDocument stored;
  for (const auto& [id, n] : want) {
    auto doc = r.LookupId(id);
    if (!doc.has_value()) return "missing " + id;
    if (!r.GetStored(*doc, &stored).ok() || stored.blob != DocOf(n).stored()) {
      return "wrong content for " + id;
    }
    if (r.term_stats("body", "v" + std::to_string(n)).doc_freq == 0) return "missing term of " + id;
  }
  return "";
}

TEST(KillRecoveryTest, AcknowledgedOperationsSurviveSigkill) {
  char tmpl[] = "/tmp/rasd_kill_test_XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = std::string(tmpl) + "/idx";
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu, directory %s\n", static_cast<unsigned long long>(seed), dir.c_str());
  std::mt19937_64 rng(seed);
  int64_t last_acked = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(4);
  int cycles = 0;
  while (cycles < 3 || (std::chrono::steady_clock::now() < deadline && cycles < 12)) {
    ++cycles;
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      RunWriter(dir, last_acked + 1, fds[1]);
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(30 + rng() % 250));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited by itself with status " << status;
    // The last complete acknowledgement line.
    std::string acks;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof(buf))) > 0;) acks.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    const size_t end = acks.rfind('\n');
    if (end != std::string::npos) {
      const size_t start = acks.rfind('\n', end - 1);
      last_acked = std::stoll(acks.substr(start == std::string::npos ? 0 : start + 1, end));
    }
    SCOPED_TRACE("cycle " + std::to_string(cycles) + ", last acknowledged op " +
                 std::to_string(last_acked));
    if (base::Env::Default()->FileExists(dir + "/MANIFEST")) {
      Status s = Check(base::Env::Default(), dir);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
    auto w = IndexWriter::Open(base::Env::Default(), dir, Options());
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ASSERT_TRUE((*w)->Refresh().ok());
    const std::string diff = Differences(*(*w)->Snapshot(), Expected(last_acked));
    if (!diff.empty()) {
      // The operation in flight may have been applied.
      const std::string diff2 = Differences(*(*w)->Snapshot(), Expected(last_acked + 1));
      ASSERT_TRUE(diff2.empty()) << diff << " / " << diff2;
    }
  }
  std::printf("%d cycles, %lld operations acknowledged\n", cycles, static_cast<long long>(last_acked + 1));
  EXPECT_GT(last_acked, 20);  // progress was made (sanitizer builds are slow)
  std::system(("rm -rf " + std::string(tmpl)).c_str());
}

}  // namespace
}  // namespace rasd::index
