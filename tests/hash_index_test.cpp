// The schema journal's flat index against a multimap, on random inserts,
// look-ups, erases and clears, with hashes that collide on purpose.
#include "analyzer/catalog/hash_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace miglint::catalog {
namespace {

TEST(HashIndex, AgreesWithAMultimap) {
  std::mt19937_64 rng(7);
  HashIndex index;
  std::multimap<size_t, size_t> truth;
  size_t next = 0;
  for (int round = 0; round < 200000; ++round) {
    // Few distinct hashes and low bits shared: long runs and wrap-around.
    const size_t hash = (rng() % 97) * 64 + (rng() % 3);
    switch (rng() % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        index.insert(hash, next);
        truth.emplace(hash, next);
        ++next;
        break;
      case 4:
      case 5: {
        // Erase one position stored under the hash, as rollback does.
        const auto [b, e] = truth.equal_range(hash);
        if (b == e) {
          EXPECT_EQ(index.find(hash, [](size_t) { return true; }), HashIndex::npos);
          break;
        }
        const size_t pos = b->second;
        const size_t slot = index.find(hash, [&](size_t p) { return p == pos; });
        ASSERT_NE(slot, HashIndex::npos);
        index.erase(slot);
        truth.erase(b);
        break;
      }
      case 6:
        if (rng() % 500 == 0) {
          index.clear();
          truth.clear();
        }
        break;
      default: {
        // Every position under the hash is found, and nothing else.
        std::set<size_t> want, got;
        for (auto [b, e] = truth.equal_range(hash); b != e; ++b) want.insert(b->second);
        for (size_t pos : want) EXPECT_NE(index.find(hash, [&](size_t p) { return p == pos; }), HashIndex::npos) << pos;
        index.find(hash, [&](size_t p) {
          got.insert(p);
          return false;
        });
        EXPECT_EQ(got, want);
      }
    }
    ASSERT_EQ(index.size(), truth.size());
  }
}

TEST(HashIndex, ClearEmptiesALargeTable) {
  HashIndex index;
  for (size_t i = 0; i < 100000; ++i) index.insert(i * 2654435761u, i);
  index.clear();
  EXPECT_TRUE(index.empty());
  EXPECT_EQ(index.find(2654435761u, [](size_t) { return true; }), HashIndex::npos);
  index.insert(5, 1);
  EXPECT_EQ(index.find(5, [](size_t p) { return p == 1; }) != HashIndex::npos, true);
}

}  // namespace
}  // namespace miglint::catalog
