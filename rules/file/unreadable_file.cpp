// `unreadable-file`: a file or directory that cannot be read. The folder reader
// and the engine meet them and ask this file to word them.
#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "analyzer/migrations/reader_findings.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"unreadable-file", Severity::Error, "a file or directory that cannot be read", "file"};

}  // namespace

Diagnostic unreadable_file_finding(UnreadableWhat what, const std::string& shown, const std::string& why) {
  Diagnostic d;
  d.rule = kMeta.id;
  d.severity = kMeta.severity;
  d.span.path = shown;
  switch (what) {
    case UnreadableWhat::FolderEntry:
      d.message = "cannot read " + shown + ": " + why;
      d.help = "fix the file's permissions or remove the broken entry";
      break;
    case UnreadableWhat::Root: d.message = fmt::format("cannot read directory: {}", why); break;
    case UnreadableWhat::File:
      d.message = fmt::format("cannot read file: {}", why);
      d.help = "the file was skipped; every other file was analysed";
      break;
    case UnreadableWhat::Failed:
      d.message = fmt::format("could not analyse file: {}", why);
      d.help = "the file's findings are incomplete; every other file was analysed";
      break;
  }
  return d;
}

std::unique_ptr<Rule> make_unreadable_file() { return declared_rule(kMeta); }

}  // namespace miglint
