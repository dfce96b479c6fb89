#include "analyzer/engine/context.h"

#include "analyzer/replay/replay.h"
#include "analyzer/engine/rule.h"
#include "analyzer/engine/walk.h"

#include <pg_query/pg_ast_meta.h>

namespace miglint {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::Up: return "up";
    case Role::Down: return "down";
    case Role::Plain: return "plain";
  }
  return "plain";
}

int nearest_location(const google::protobuf::MessageLite& m) {
  int found = -1;
  walk_messages(m, [&](const google::protobuf::MessageLite& x, pgmeta::MsgType t) {
    if (found >= 0) return false;
    const int loc = pgmeta::location_of(x, t);
    if (loc >= 0) {
      found = loc;
      return false;
    }
    return true;
  });
  return found;
}

bool UnitContext::created_before(std::string_view name, size_t before) const {
  const auto it = unit_.created_relations.find(name);
  return it != unit_.created_relations.end() && it->second < before;
}

Diagnostic& UnitContext::report(size_t begin, size_t end, std::string message, std::string_view help) {
  Diagnostic d;
  if (rule_) {
    d.rule = rule_->id();
    d.severity = rule_->meta().severity;
  }
  d.span = span(begin, end);
  d.message = std::move(message);
  d.help = help;
  sink_.push_back(std::move(d));
  return sink_.back();
}

Diagnostic& UnitContext::report(const Statement& stmt, std::string message, std::string_view help) {
  return report(stmt.begin, stmt.end, std::move(message), help);
}

Diagnostic FolderContext::make(Span span, std::string message, std::string_view help) const {
  Diagnostic d;
  if (rule_) {
    d.rule = rule_->id();
    d.severity = rule_->meta().severity;
  }
  d.span = std::move(span);
  d.message = std::move(message);
  d.help = help;
  return d;
}

Diagnostic& FolderContext::report(Span span, std::string message, std::string_view help) {
  sink_.push_back(make(std::move(span), std::move(message), help));
  return sink_.back();
}

const catalog::StatementEffects* FolderStep::end() const { return effects + effect_count; }

Diagnostic& FolderContext::report(const SourceFile& file, size_t begin, size_t end, std::string message,
                                  std::string_view help) {
  return report(make_span(file, begin, end), std::move(message), help);
}

size_t StatementContext::offset_of(const google::protobuf::MessageLite& node) const {
  return stmt_.offset(nearest_location(node));
}

Diagnostic& StatementContext::report_at(const google::protobuf::MessageLite& node, std::string message,
                                        std::string_view help) {
  const int loc = nearest_location(node);
  if (loc < 0) return report(stmt_, std::move(message), help);
  const size_t b = stmt_.offset(loc);
  // Underline the token at the location: up to the next space or delimiter.
  const std::string_view t = source().text();
  size_t e = b;
  while (e < stmt_.end && e < t.size() && t[e] != ' ' && t[e] != '\n' && t[e] != '\r' && t[e] != '\t' && t[e] != ',' &&
         t[e] != ')' && t[e] != '(')
    ++e;
  if (e == b) e = std::min(b + 1, stmt_.end);
  return report(b, e, std::move(message), help);
}

}  // namespace miglint
