// `miglint completions bash|zsh|fish`: shell completion scripts made from the
// command line's own definition (subcommands, options, their values), so they
// never fall behind it.
#include <algorithm>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "analyzer/engine/registry.h"
#include "cli/commands.h"

namespace miglint {
namespace {

struct OptionInfo {
  std::vector<std::string> names;  // "--format", "-j"
  std::string description;
  bool takes_value = false;
  ValueHint hint;
};

struct CommandInfo {
  std::string name, description;
  std::vector<OptionInfo> options;
  bool has_positional = false;
  ValueHint positional;
};

// What a value may be: the option's own choices, a rule id, a path, or
// free text.
std::vector<std::string> hint_words(const ValueHint& h) {
  if (h.kind != ValueHint::Rule) return h.choices;
  std::vector<std::string> ids;
  for (const auto& r : all_rules()) ids.emplace_back(r->id());
  return ids;
}

std::string join(const std::vector<std::string>& v, const char* sep = " ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

ValueHint hint_for(const CompletionHints& hints, const std::string& key) {
  auto it = hints.find(key);
  return it == hints.end() ? ValueHint{} : it->second;
}

std::vector<CommandInfo> describe(const CLI::App& app, const CompletionHints& hints) {
  std::vector<CommandInfo> cmds;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    CommandInfo c{sub->get_name(), sub->get_description(), {}, false, {}};
    for (const CLI::Option* o : sub->get_options()) {
      if (o->get_positional() && o->get_lnames().empty() && o->get_snames().empty()) {
        c.has_positional = true;
        c.positional = hint_for(hints, sub->get_name() + ":" + o->get_name(true));
        continue;
      }
      OptionInfo oi;
      for (const auto& l : o->get_lnames()) oi.names.push_back("--" + l);
      for (const auto& s : o->get_snames()) oi.names.push_back("-" + s);
      oi.description = o->get_description();
      oi.takes_value = o->get_items_expected_max() > 0;  // 0 for flags
      if (oi.takes_value && !o->get_lnames().empty()) {
        oi.hint = hint_for(hints, sub->get_name() + ":--" + o->get_lnames().front());
        if (oi.hint.kind == ValueHint::Free && oi.hint.choices.empty())
          oi.hint = hint_for(hints, "--" + o->get_lnames().front());
      }
      c.options.push_back(std::move(oi));
    }
    cmds.push_back(std::move(c));
  }
  return cmds;
}

std::string quote_single(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

std::string bash(const std::vector<CommandInfo>& cmds) {
  std::ostringstream o;
  std::vector<std::string> names;
  names.reserve(cmds.size());
  for (const auto& c : cmds) names.push_back(c.name);
  o << "# bash completion for miglint (made by `miglint completions bash`)\n"
       "_miglint() {\n"
       "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd='' i\n"
       "  local rules='"
    << join(hint_words(ValueHint{ValueHint::Rule, {}}))
    << "'\n"
       "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
       "    case ${COMP_WORDS[i]} in "
    << join(names, "|")
    << ") cmd=${COMP_WORDS[i]}; break ;; esac\n"
       "  done\n"
       "  if [[ -z $cmd ]]; then\n"
       "    mapfile -t COMPREPLY < <(compgen -W '"
    << join(names)
    << " --help --version' -- \"$cur\")\n"
       "    return\n"
       "  fi\n";
  // A value after an option that takes one.
  auto words_reply = [](const std::vector<std::string>& w) {
    return fmt::format("mapfile -t COMPREPLY < <(compgen -W '{}' -- \"$cur\")", join(w));
  };
  // One rule id (explain), from $rules.
  const std::string rule_reply = "mapfile -t COMPREPLY < <(compgen -W \"$rules\" -- \"$cur\")";
  // --select/--ignore take comma-separated ids: complete the one after the last comma.
  std::string rule_list_reply =
      "local pre=${cur%,*}; [[ $cur == *,* ]] && pre=$pre, || pre=; "
      "mapfile -t COMPREPLY < <(compgen -P \"$pre\" -W \"$rules\" -- \"${cur##*,}\"); compopt -o nospace 2>/dev/null";
  auto value_reply = [&](const ValueHint& h) -> std::string {
    switch (h.kind) {
      case ValueHint::File: return "mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")";
      case ValueHint::Dir: return "mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")";
      case ValueHint::Rule: return rule_list_reply;
      case ValueHint::Free: return h.choices.empty() ? "COMPREPLY=()" : words_reply(h.choices);
    }
    return "COMPREPLY=()";
  };
  o << "  case $cmd:$prev in\n";
  for (const auto& c : cmds)
    for (const auto& opt : c.options)
      if (opt.takes_value) {
        std::vector<std::string> pats;
        for (const auto& n : opt.names) pats.push_back(c.name + ":" + n);
        o << "    " << join(pats, "|") << ") " << value_reply(opt.hint) << "; return ;;\n";
      }
  o << "  esac\n"
       "  if [[ $cur == -* ]]; then\n"
       "    case $cmd in\n";
  for (const auto& c : cmds) {
    std::vector<std::string> all;
    for (const auto& opt : c.options) all.insert(all.end(), opt.names.begin(), opt.names.end());
    o << "      " << c.name << ") mapfile -t COMPREPLY < <(compgen -W '" << join(all) << "' -- \"$cur\") ;;\n";
  }
  o << "    esac\n"
       "    return\n"
       "  fi\n"
       "  case $cmd in\n";
  for (const auto& c : cmds)
    if (c.has_positional) {
      const bool path = c.positional.kind == ValueHint::File || c.positional.kind == ValueHint::Dir;
      const bool rule = c.positional.kind == ValueHint::Rule;
      o << "    " << c.name << ") "
        << (path   ? value_reply(c.positional)
            : rule ? rule_reply
                   : words_reply(c.positional.choices))
        << " ;;\n";
    }
  o << "  esac\n"
       "}\n"
       "complete -o filenames -F _miglint miglint\n";
  return o.str();
}

std::string zsh_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '[' || ch == ']' || ch == ':' || ch == '\\') out += '\\';
    out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  }
  return out;
}

std::string zsh_action(const ValueHint& h) {
  switch (h.kind) {
    case ValueHint::File: return "_files";
    case ValueHint::Dir: return "_files -/";
    case ValueHint::Rule: return "_sequence compadd - " + join(hint_words(h));
    case ValueHint::Free: return h.choices.empty() ? " " : "(" + join(h.choices) + ")";
  }
  return " ";
}

std::string zsh(const std::vector<CommandInfo>& cmds) {
  std::ostringstream o;
  o << "#compdef miglint\n# zsh completion for miglint (made by `miglint completions zsh`)\n\n"
       "_miglint() {\n"
       "  local line state\n"
       "  _arguments -C '(- *)--help[print help]' '(- *)--version[print the version]' '1: :->command' '*:: :->args'\n"
       "  case $state in\n"
       "    command)\n"
       "      local -a commands=(\n";
  for (const auto& c : cmds) o << "        " << quote_single(c.name + ":" + c.description) << "\n";
  o << "      )\n"
       "      _describe command commands ;;\n"
       "    args)\n"
       "      case $line[1] in\n";
  for (const auto& c : cmds) {
    o << "        " << c.name << ") _arguments";
    for (const auto& opt : c.options)
      for (const auto& n : opt.names) {
        std::string spec = n + "[" + zsh_escape(opt.description) + "]";
        if (opt.takes_value) spec += ":value:" + zsh_action(opt.hint);
        o << " \\\n            " << quote_single(spec);
      }
    if (c.has_positional) o << " \\\n            " << quote_single("*:argument:" + zsh_action(c.positional));
    o << " ;;\n";
  }
  o << "      esac ;;\n"
       "  esac\n"
       "}\n\n"
       "_miglint \"$@\"\n";
  return o.str();
}

std::string fish(const std::vector<CommandInfo>& cmds) {
  std::ostringstream o;
  o << "# fish completion for miglint (made by `miglint completions fish`)\n"
       "complete -c miglint -f\n"
       "complete -c miglint -n __fish_use_subcommand -l help -d 'print help'\n"
       "complete -c miglint -n __fish_use_subcommand -l version -d 'print the version'\n";
  for (const auto& c : cmds)
    o << "complete -c miglint -n __fish_use_subcommand -a " << c.name << " -d " << quote_single(c.description) << "\n";
  for (const auto& c : cmds) {
    const std::string cond = "'__fish_seen_subcommand_from " + c.name + "'";
    for (const auto& opt : c.options) {
      o << "complete -c miglint -n " << cond;
      for (const auto& n : opt.names) o << (n.rfind("--", 0) == 0 ? " -l " + n.substr(2) : " -s " + n.substr(1));
      if (opt.takes_value) {
        if (opt.hint.kind == ValueHint::File || opt.hint.kind == ValueHint::Dir) o << " -r -F";
        else if (auto w = hint_words(opt.hint); !w.empty()) o << " -x -a " << quote_single(join(w));
        else o << " -x";
      }
      o << " -d " << quote_single(opt.description) << "\n";
    }
    if (c.has_positional) {
      if (c.positional.kind == ValueHint::File || c.positional.kind == ValueHint::Dir)
        o << "complete -c miglint -n " << cond << " -F\n";
      else o << "complete -c miglint -n " << cond << " -x -a " << quote_single(join(hint_words(c.positional))) << "\n";
    }
  }
  return o.str();
}

}  // namespace

const std::vector<std::string>& completion_shells() {
  static const std::vector<std::string> shells = {"bash", "zsh", "fish"};
  return shells;
}

int run_completions(const CLI::App& app, const CompletionHints& hints, const std::string& shell) {
  const auto cmds = describe(app, hints);
  if (shell == "bash") std::cout << bash(cmds);
  else if (shell == "zsh") std::cout << zsh(cmds);
  else std::cout << fish(cmds);
  return 0;
}

}  // namespace miglint
