#include "analyzer/config/pattern.h"

#include <re2/re2.h>

namespace miglint {

std::optional<Pattern> Pattern::compile(const std::string& text, std::string* error) {
  RE2::Options options;
  options.set_log_errors(false);  // the caller reports the error where it was written
  auto re = std::make_shared<const RE2>(text, options);
  if (!re->ok()) {
    if (error) *error = re->error();
    return std::nullopt;
  }
  return Pattern(std::move(re));
}

bool Pattern::search(std::string_view s) const { return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re_); }

const std::string& Pattern::text() const { return re_->pattern(); }

}  // namespace miglint
