#include "analyzer/ast/parse.h"
#include "analyzer/ast/parse_split.h"

#include "analyzer/ast/file_findings.h"
#ifdef MIGLINT_DIRECT_PARSE
#include "analyzer/ast/pg_convert.h"
#endif
#include "analyzer/source/strings.h"

#include <pthread.h>

#include <google/protobuf/arena.h>
#include <google/protobuf/io/coded_stream.h>
#include <pg_query.h>
#include <pg_query/pg_query.pb.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <cctype>
#include <memory>
#include <optional>
#include <set>

namespace miglint {
namespace {

// Deeply nested expressions produce deeply nested messages; PostgreSQL's own
// limits apply first, ours only has to stay above them.
constexpr int kRecursionLimit = 1 << 20;

template <typename Result, void (*Free)(Result)>
struct PgResult {
  Result r;
  explicit PgResult(Result x) : r(x) {}
  ~PgResult() { Free(r); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
};
using ProtoParse = PgResult<PgQueryProtobufParseResult, pg_query_free_protobuf_parse_result>;
using Split = PgResult<PgQuerySplitResult, pg_query_free_split_result>;

template <typename Msg>
Msg* decode(const PgQueryProtobuf& buf, google::protobuf::Arena& arena) {
  auto* msg = google::protobuf::Arena::CreateMessage<Msg>(&arena);
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(buf.data), static_cast<int>(buf.len));
  in.SetRecursionLimit(kRecursionLimit);
  if (!msg->ParseFromCodedStream(&in)) return nullptr;
  return msg;
}

// One text's statements as a tree in `arena`, or why there is none.
struct Parsed {
  enum class Kind {
    Tree,
    SyntaxError,        // PostgreSQL refused the text
    TooDeepToHandOver,  // libpg_query parsed it but would not serialise the tree
    TooDeepToDecode,    // we would not decode the tree
  };
  Kind kind = Kind::Tree;
  const pg_query::ParseResult* tree = nullptr;
  std::string message;  // PostgreSQL's or libpg_query's, when there is no tree
  int cursorpos = 0;
};

Parsed parse_text(const char* sql, google::protobuf::Arena& arena) {
#ifdef MIGLINT_DIRECT_PARSE
  // Straight from PostgreSQL's nodes; the protobuf path below only for what
  // the converter does not take (the same tree, or the same refusal).
  if (auto r = pgconvert::parse(sql, arena); r.status == pgconvert::Result::Status::Tree)
    return {Parsed::Kind::Tree, r.tree, {}, 0};
  else if (r.status == pgconvert::Result::Status::SyntaxError)
    return {Parsed::Kind::SyntaxError, nullptr, std::move(r.message), r.cursorpos};
#endif
  ProtoParse pr(pg_query_parse_protobuf(sql));
  if (const PgQueryError* e = pr.r.error) {
    std::string message = e->message ? e->message : "syntax error";
    // libpg_query 18 parsed it (PostgreSQL accepts it) but will not hand
    // over a tree this deep.
    const bool deep = message.find("too deeply to serialize") != std::string::npos;
    return {deep ? Parsed::Kind::TooDeepToHandOver : Parsed::Kind::SyntaxError, nullptr, std::move(message),
            e->cursorpos};
  }
  const auto* tree = decode<pg_query::ParseResult>(pr.r.parse_tree, arena);
  if (!tree) return {Parsed::Kind::TooDeepToDecode, nullptr, {}, 0};
  return {Parsed::Kind::Tree, tree, {}, 0};
}

// PostgreSQL's cursorpos counts characters (1-based); we need bytes.
size_t char_to_byte(std::string_view s, int cursorpos) {
  size_t i = 0;
  for (int c = 1; c < cursorpos && i < s.size(); ++c) {
    const size_t n = utf8_sequence_length(s, i);
    i += n == 0 ? 1 : n;
  }
  return i;
}

size_t token_end(std::string_view s, size_t i) {
  if (i >= s.size()) return i;
  size_t j = i;
  while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != ';' && s[j] != ',' && s[j] != '(' &&
         s[j] != ')')
    ++j;
  return j == i ? i + 1 : j;
}

struct Builder {
  ParsedFile& out;
  const std::string& text;  // the prepared text
  size_t ordinal = 0;

  void add_statements(const pg_query::ParseResult& pr, size_t base, size_t piece_end) {
    for (const auto& raw : pr.stmts()) {
      const size_t loc = base + static_cast<size_t>(std::max(0, raw.stmt_location()));
      size_t end = raw.stmt_len() == 0 ? piece_end : loc + static_cast<size_t>(raw.stmt_len());
      end = std::min(end, piece_end);
      const size_t begin = skip_trivia(text, loc, end);
      if (begin >= end) continue;
      end = begin + trim_right(std::string_view(text).substr(begin, end - begin)).size();
      Statement s;
      s.begin = begin;
      s.end = end;
      s.base = base;
      s.node = &raw.stmt();
      s.ordinal = ordinal++;
      out.statements.push_back(s);
    }
  }

  // When the token PostgreSQL rejects is a word that begins statements and
  // begins its line, inside the statement before it, the `;` ending that
  // statement is most likely missing: where that statement's text ends.
  std::optional<size_t> missing_semicolon(size_t piece_begin, size_t at, size_t end) const {
    if (at <= skip_trivia(text, piece_begin, at)) return std::nullopt;  // the statement's own first word
    size_t line = at;
    while (line > piece_begin && (text[line - 1] == ' ' || text[line - 1] == '\t')) --line;
    if (line == piece_begin || text[line - 1] != '\n') return std::nullopt;
    std::string word;
    for (size_t i = at; i < end; ++i) word += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    static const std::set<std::string, std::less<>> starts = {"ALTER",   "ANALYZE", "BEGIN",    "CALL",   "CLUSTER",
                                                              "COMMENT", "COMMIT",  "COPY",     "CREATE", "DELETE",
                                                              "DO",      "DROP",    "GRANT",    "INSERT", "LOCK",
                                                              "REFRESH", "REINDEX", "RESET",    "REVOKE", "ROLLBACK",
                                                              "SELECT",  "SET",     "TRUNCATE", "UPDATE", "VACUUM"};
    if (!starts.contains(word)) return std::nullopt;
    // Back over blank space and comments to the end of the statement's text.
    size_t stop = line;
    for (bool moved = true; moved && stop > piece_begin;) {
      moved = false;
      while (stop > piece_begin && std::isspace(static_cast<unsigned char>(text[stop - 1]))) --stop;
      // Comments are in file order: the one ending at `stop`, if any, is the
      // last that begins before it.
      const auto after = std::partition_point(out.comments.begin(), out.comments.end(),
                                              [&](const Comment& c) { return c.begin < stop; });
      if (after != out.comments.begin() && stop <= std::prev(after)->end) {
        stop = std::prev(after)->begin;
        moved = true;
      }
    }
    if (stop <= piece_begin) return std::nullopt;
    return stop;
  }

  void syntax_error(const std::string& message, int cursorpos, size_t piece_begin, size_t piece_end) {
    const std::string_view piece = std::string_view(text).substr(piece_begin, piece_end - piece_begin);
    size_t at = cursorpos > 0 ? piece_begin + char_to_byte(piece, cursorpos)
                              : skip_trivia(text, piece_begin, piece_end);
    at = std::min(at, text.size());
    const size_t end = std::min(token_end(text, at), std::max(piece_end, at));
    const auto stop = missing_semicolon(piece_begin, at, end);
    out.diagnostics.push_back(syntax_error_finding(*out.source, at, std::max(end, at), message,
                                                   stop ? std::string_view(text).substr(at, end - at) : "", stop));
    out.failed.push_back({skip_trivia(text, piece_begin, piece_end), piece_end});
    ++ordinal;
  }

  void unanalysed(size_t b, size_t e) {
    const size_t at = skip_trivia(text, b, e);
    out.diagnostics.push_back(statement_not_handed_over_finding(*out.source, at, std::max(at, e)));
    out.failed.push_back({at, e});
    ++ordinal;
  }

  void parse_piece(size_t b, size_t e) {
    // Keep the terminating semicolon so PostgreSQL words its error as it
    // would on the whole file (`at or near ";"`, not `at end of input`).
    const size_t with_semicolon = e < text.size() && text[e] == ';' ? e + 1 : e;
    const std::string piece = text.substr(b, with_semicolon - b);
    Parsed p = parse_text(piece.c_str(), *out.trees.front().arena);
    switch (p.kind) {
      case Parsed::Kind::TooDeepToHandOver:  // PostgreSQL accepts it: not a syntax error
        unanalysed(b, e);
        return;
      case Parsed::Kind::SyntaxError: syntax_error(p.message, p.cursorpos, b, e); return;
      case Parsed::Kind::TooDeepToDecode: syntax_error("statement too deeply nested to analyse", 0, b, e); return;
      case Parsed::Kind::Tree: add_statements(*p.tree, b, e); return;
    }
  }
};

// Our lexer finds the same comments as PostgreSQL's scanner (checked on
// every corpus and test file), also past text the scanner refuses, and
// without a second lexer pass through protobuf.
void add_comments(ParsedFile& out, const std::string& text) {
  if (text.find("--") == std::string::npos && text.find("/*") == std::string::npos) return;
  for (const auto& c : lexical_comments(text)) out.comments.push_back({c.begin, c.end, c.line});
}

bool looks_binary(std::string_view bytes, const PreparedText& p) {
  if (p.nul_bytes.empty()) return false;
  // A few stray NULs in SQL are noise; many mean this is not a text file.
  size_t control = 0;
  for (unsigned char c : bytes)
    if (c < 0x09 || (c > 0x0D && c < 0x20)) ++control;
  return control * 20 > bytes.size() || p.nul_bytes.size() > 16;
}

std::atomic<size_t> split_min_bytes{size_t{32} << 10};

// Parts of about this size (two at least): the replay frees a part's trees
// once it has applied them, so a huge file does not hold all of its trees
// to the end of its replay.
std::atomic<size_t> part_bytes{size_t{256} << 10};

struct Part {
  size_t begin = 0, end = 0;  // byte range in the text
  std::shared_ptr<google::protobuf::Arena> arena;
  const pg_query::ParseResult* tree = nullptr;
  bool failed = false;
};

// Parses parts (in any order) until none is left.
struct PartQueue {
  const std::string* text = nullptr;
  std::vector<Part>* parts = nullptr;
  std::atomic<size_t> next{0};
};

void* parse_parts(void* arg) {
  auto* q = static_cast<PartQueue*>(arg);
  for (size_t i; (i = q->next.fetch_add(1)) < q->parts->size();) {
    Part& p = (*q->parts)[i];
    // PostgreSQL reads a NUL-terminated string: the last part is the text's tail.
    const std::string copy = p.end < q->text->size() ? q->text->substr(p.begin, p.end - p.begin) : std::string();
    p.arena = std::make_shared<google::protobuf::Arena>();
    p.tree = parse_text(p.end < q->text->size() ? copy.c_str() : q->text->c_str() + p.begin, *p.arena).tree;
    p.failed = p.tree == nullptr;
  }
  return nullptr;
}

// The parts on two threads at once; false (nothing added) when any fails.
bool parse_in_parts(Builder& b, const std::string& text) {
  // Cut at the top-level semicolons nearest to even shares of the text.
  const size_t count = std::max<size_t>(2, text.size() / std::max<size_t>(1, part_bytes));
  std::vector<size_t> ends;  // after a top-level semicolon
  for (const auto& r : lexical_split(text))
    if (r.end < text.size() && text[r.end] == ';') ends.push_back(r.end + 1);
  std::vector<Part> parts;
  const auto add_part = [&parts](size_t from, size_t to) {
    Part p;
    p.begin = from;
    p.end = to;
    parts.push_back(std::move(p));
  };
  size_t at = 0;
  for (size_t k = 1; k < count; ++k) {
    const size_t target = text.size() / count * k;
    const auto it = std::lower_bound(ends.begin(), ends.end(), target);
    size_t cut = 0;
    if (it != ends.end()) cut = *it;
    if (it != ends.begin() && (cut == 0 || target - *std::prev(it) < cut - target)) cut = *std::prev(it);
    if (cut <= at || cut >= text.size()) continue;
    add_part(at, cut);
    at = cut;
  }
  if (parts.empty()) return false;
  add_part(at, text.size());
  PartQueue q{&text, &parts};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t{256} << 20);  // the parser recurses per nesting level
  pthread_t th;
  const bool threaded = pthread_create(&th, &attr, parse_parts, &q) == 0;
  pthread_attr_destroy(&attr);
  parse_parts(&q);
  if (threaded) pthread_join(th, nullptr);
  if (std::any_of(parts.begin(), parts.end(), [](const Part& p) { return p.failed; })) return false;
  // PostgreSQL starts a statement right after the previous semicolon: a
  // part's first statement starts at the part's start as in the whole file.
  for (const Part& p : parts) {
    b.add_statements(*p.tree, p.begin, p.end);
    b.out.trees.push_back({p.arena, b.out.statements.size()});
  }
  return true;
}

}  // namespace

void set_split_parse_min_bytes(size_t bytes) { split_min_bytes = bytes; }
void set_split_parse_part_bytes(size_t bytes) { part_bytes = bytes; }

ParsedFile parse_file(std::shared_ptr<const SourceFile> source) {
  ParsedFile out;
  out.source = std::move(source);
  const SourceFile& file = *out.source;
  const std::string_view bytes = file.text();
  PreparedText prep = prepare_text(bytes);

  if (looks_binary(bytes, prep)) {
    out.binary = true;
    out.diagnostics.push_back(binary_file_finding(file, prep.nul_bytes.front(), prep.nul_bytes.size()));
    return out;
  }
  if (!prep.invalid_utf8.empty())
    out.diagnostics.push_back(invalid_utf8_finding(file, prep.invalid_utf8.front(), prep.invalid_utf8.size()));
  if (!prep.nul_bytes.empty())
    out.diagnostics.push_back(nul_bytes_finding(file, prep.nul_bytes.front(), prep.nul_bytes.size()));
  for (const auto& m : prep.meta_commands) out.diagnostics.push_back(psql_meta_command_finding(file, m.begin, m.end));
  for (const auto& c : prep.copy_data) out.diagnostics.push_back(copy_data_block_finding(file, c.begin, c.end));

  const std::string& text = prep.text;
  Builder b{out, text};
  std::string whole_message;
  int whole_cursor = 0;
  if (const size_t min = split_min_bytes; min != 0 && text.size() >= min && parse_in_parts(b, text)) {
    add_comments(out, text);
    return out;
  }
  out.trees.emplace_back().arena = std::make_shared<google::protobuf::Arena>();  // every tree in one
  if (Parsed whole = parse_text(text.c_str(), *out.trees.front().arena); whole.tree) {
    b.add_statements(*whole.tree, 0, text.size());
    add_comments(out, text);
    return out;
  } else {
    whole_message = std::move(whole.message);
    whole_cursor = whole.cursorpos;
  }
  // Something failed: split the file and parse statement by statement so one
  // bad statement costs only itself.
  std::vector<ByteRange> pieces;
  {
    Split sp(pg_query_split_with_scanner(text.c_str()));
    if (!sp.r.error) {
      for (int i = 0; i < sp.r.n_stmts; ++i) {
        const auto* s = sp.r.stmts[i];
        const size_t loc = static_cast<size_t>(s->stmt_location);
        const size_t len = s->stmt_len == 0 ? text.size() - loc : static_cast<size_t>(s->stmt_len);
        pieces.push_back({loc, std::min(text.size(), loc + len)});
      }
    } else {
      pieces = lexical_split(text);
    }
  }
  add_comments(out, text);  // before the pieces: a syntax error's hint looks past comments
  for (const auto& p : pieces) {
    if (skip_trivia(text, p.begin, p.end) >= p.end) continue;
    b.parse_piece(p.begin, p.end);
  }
  // The error may lie outside every statement (an unterminated comment at
  // the end): report what PostgreSQL said about the whole file.
  if (out.failed.empty() && !whole_message.empty()) b.syntax_error(whole_message, whole_cursor, 0, text.size());
  return out;
}

const pg_query::Node* parse_single_statement(std::string_view sql, google::protobuf::Arena& arena) {
  const std::string s(sql);
  const auto* tree = parse_text(s.c_str(), arena).tree;
  if (!tree || tree->stmts_size() != 1) return nullptr;
  return &tree->stmts(0).stmt();
}

}  // namespace miglint
