// IndexPipeline: every pushed document reaches the sink once, in order; Drain waits for them;
// the sink's first error is sticky; Return gives a document back unindexed.
#include "rasd/engine/internal/index_pipeline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rasd::engine::internal {
namespace {

TEST(IndexPipelineTest, DeliversInOrderAndDrains) {
  std::vector<std::string> seen;  // written by the worker only; read after Drain
  IndexPipeline pipeline(
      [&seen](const index::IndexDocument& doc) {
        seen.emplace_back(doc.id());
        return Status::OK();
      },
      3);
  for (int i = 0; i < 1000; ++i) {
    index::IndexDocument* doc = pipeline.Acquire();
    doc->set_id("d" + std::to_string(i));
    if (i % 7 == 3) {
      pipeline.Return(doc);  // rejected: never reaches the sink
      continue;
    }
    ASSERT_TRUE(pipeline.Push(doc).ok());
  }
  ASSERT_TRUE(pipeline.Drain().ok());
  std::vector<std::string> expected;
  for (int i = 0; i < 1000; ++i) {
    if (i % 7 != 3) expected.push_back("d" + std::to_string(i));
  }
  EXPECT_EQ(seen, expected);
}

TEST(IndexPipelineTest, FirstErrorIsSticky) {
  int calls = 0;
  IndexPipeline pipeline(
      [&calls](const index::IndexDocument& doc) {
        ++calls;
        return doc.id() == "bad" ? Status::IOError("disk full") : Status::OK();
      },
      2);
  for (const char* id : {"a", "bad", "c"}) {
    index::IndexDocument* doc = pipeline.Acquire();
    doc->set_id(id);
    pipeline.Push(doc).IgnoreError();
  }
  Status s = pipeline.Drain();
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_EQ(calls, 2);  // "c" came after the error and was dropped
  index::IndexDocument* doc = pipeline.Acquire();
  doc->set_id("d");
  EXPECT_TRUE(pipeline.Push(doc).IsIOError());
}

TEST(IndexPipelineTest, DestructorDrains) {
  int calls = 0;
  {
    IndexPipeline pipeline(
        [&calls](const index::IndexDocument&) {
          ++calls;
          return Status::OK();
        },
        4);
    for (int i = 0; i < 50; ++i) {
      index::IndexDocument* doc = pipeline.Acquire();
      doc->set_id("x");
      ASSERT_TRUE(pipeline.Push(doc).ok());
    }
  }
  EXPECT_EQ(calls, 50);
}

}  // namespace
}  // namespace rasd::engine::internal
