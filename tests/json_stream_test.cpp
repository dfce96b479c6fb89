// Streamed JSON documents are byte for byte the documents dumped whole.
#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/output/json_stream.h"

using namespace miglint;
using ojson = nlohmann::ordered_json;

namespace {

std::string whole(const ojson& j) { return j.dump(2, ' ', false, ojson::error_handler_t::replace); }

// `doc` with each named member's array replaced by a slot, streamed back.
std::string streamed(const ojson& doc, const std::vector<std::vector<std::string>>& paths) {
  ojson skeleton = doc;
  std::vector<JsonArrayStream> arrays;
  std::vector<ojson> held;
  held.reserve(paths.size());
  for (const auto& path : paths) {
    ojson* at = &skeleton;
    std::string name;
    for (const auto& key : path) {
      at = &(*at)[key];
      name += "/" + key;
    }
    held.push_back(*at);
    *at = json_slot(name);
  }
  for (size_t k = 0; k < paths.size(); ++k) {
    std::string name;
    for (const auto& key : paths[k]) name += "/" + key;
    arrays.push_back({name, held[k].size(), [&held, k](size_t i) { return whole(held[k][i]); }});
  }
  std::ostringstream out;
  write_json_streamed(out, whole(skeleton), arrays);
  return out.str();
}

}  // namespace

TEST(JsonStream, NestedArraysAtEveryDepthMatchTheWholeDump) {
  const ojson doc = {{"version", 1},
                     {"diagnostics",
                      {{{"rule", "a"}, {"message", "two\nlines \"quoted\""}, {"notes", ojson::array()}},
                       {{"rule", "b"}, {"notes", {{{"line", 3}}}}, {"fix", nullptr}}}},
                     {"summary", {{"files", 2}}},
                     {"audit", {{"migrations", {1, "two", {{"deep", {1, 2}}}}}, {"rules", ojson::array()}}},
                     {"empty", ojson::array()}};
  EXPECT_EQ(streamed(doc, {{"diagnostics"}, {"audit", "migrations"}, {"empty"}}), whole(doc));
  EXPECT_EQ(streamed(doc, {{"audit", "rules"}}), whole(doc));
}

TEST(JsonStream, TopLevelArrayAndInvalidUtf8) {
  const ojson doc = {{{"description", std::string("bad \xff byte")}}, 2, ojson::array()};
  std::ostringstream out;
  write_json_streamed(out, whole(ojson(json_slot("top"))),
                      {{"top", doc.size(), [&](size_t i) { return whole(doc[i]); }}});
  EXPECT_EQ(out.str(), whole(doc));
  std::ostringstream none;
  write_json_streamed(none, whole(ojson(json_slot("top"))), {{"top", 0, [](size_t) { return std::string(); }}});
  EXPECT_EQ(none.str(), "[]");
}

TEST(JsonStream, TextThatLooksLikeAnUnknownSlotIsKept) {
  const ojson doc = {{"name", json_slot("other")}, {"list", {1, 2}}};
  const std::string got = streamed(doc, {{"list"}});
  EXPECT_EQ(got, whole(doc));
  EXPECT_NE(got.find("\\u0001miglint-stream:other"), std::string::npos);
}
