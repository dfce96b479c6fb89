#!/usr/bin/env python3
"""Writes the converter from PostgreSQL's raw parse tree to the C++ AST.

    tools/gen_convert.py pg_query.proto POSTGRES_INCLUDE_DIR pg_convert.cpp

libpg_query hands a parse tree over as protobuf bytes: it encodes the C node
tree, and we decode the bytes into the C++ AST. Both steps visit every field
of every node, and on large folders they were half of all the work. The
converter this writes builds the C++ AST straight from the C nodes instead,
field by field, with the same result: each .proto message names the C struct
it stands for, and each field's json_name is the C member's name.

What it cannot convert (a node type or member it does not know, such as the
planner's bitmapsets, which never occur in a raw parse tree) makes the
conversion fail, and the caller takes the protobuf path: the output never
differs, only the speed.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_walk import accessor, camel, parse  # noqa: E402  (protoc's names, the .proto's messages)

SCALARS = {"bool", "int32", "uint32", "int64", "uint64", "double", "float"}
# Messages written by hand in the converter's fixed part.
SPECIAL_NODES = ("List", "IntList", "OidList", "A_Const")  # special()/back_special() in pg_convert.cpp
SPECIAL = {"Node", *SPECIAL_NODES, "ParseResult", "ScanResult", "ScanToken"}
# Read back by hand: libpg_query's reader keeps their empty strings (makeString(pstrdup(...))).
BACK_BY_HAND = {"String", "Float", "BitString"}


def parse_proto(text):
    messages = parse(text)  # gen_walk's reading of the top-level messages
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    enums = {m.group(1): re.findall(r"(\w+)\s*=\s*(\d+)", m.group(2))
             for m in re.finditer(r"\benum\s+(\w+)\s*\{([^{}]*)\}", text)}
    oneof_node = [(f["name"], f["type"]) for f in messages["Node"]]
    return messages, enums, oneof_node


def strip_node_attrs(s):
    out, i = [], 0
    while True:
        j = s.find("pg_node_attr(", i)
        if j < 0:
            out.append(s[i:])
            return "".join(out)
        out.append(s[i:j])
        k, depth = j + len("pg_node_attr("), 1
        while depth:
            depth += {"(": 1, ")": -1}.get(s[k], 0)
            k += 1
        i = k


def parse_structs(include_dir):
    structs = {}
    for sub in ("nodes/parsenodes.h", "nodes/primnodes.h", "nodes/value.h", "nodes/pg_list.h"):
        path = os.path.join(include_dir, sub)
        text = open(path, encoding="utf-8", errors="replace").read()
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        text = re.sub(r"//[^\n]*", "", text)
        text = strip_node_attrs(text)
        # `typedef struct X {...} X;`, or `struct X {...};` typedef'd elsewhere.
        for m in re.finditer(r"(?:typedef\s+)?struct\s+(\w+)\s*\{([^{}]*)\}\s*(\w*)\s*;", text):
            members = {}
            for decl in m.group(2).split(";"):
                decl = " ".join(decl.split())
                d = re.fullmatch(r"(?:const\s+)?(?:(?:struct|union|enum)\s+)?(\w+)\s*(\**)\s*(\w+)\s*(\[\w*\])?", decl)
                if d:
                    members[d.group(3)] = {"type": d.group(1), "ptr": len(d.group(2)), "array": bool(d.group(4))}
            structs[m.group(3) or m.group(1)] = members
    return structs


def member_kind(f, member, messages, enums):
    """How one .proto field maps onto its C member, for both directions (so
    that they cannot disagree), or None when it does not map: the message
    then takes the protobuf path."""
    ctype, ptr = member["type"], member["ptr"]
    if member["array"]:
        return None
    if f["type"] == "Node":
        if f["repeated"]:
            return "node_list" if ctype == "List" and ptr == 1 else None
        if ptr == 0:
            return "expr_header" if f["json"] == "xpr" else None  # the node's own Expr header
        return "node"
    if f["repeated"]:
        return None  # bitmapsets and other planner-only lists: only NULL converts
    if f["type"] in messages:
        return {1: "message_ptr", 0: "message"}.get(ptr)
    if f["type"] == "string":
        return {1: "cstring", 0: "char"}.get(ptr) if ctype == "char" else None
    if ptr != 0:
        return None
    if f["type"] in enums:
        return "enum"
    if f["type"] in SCALARS:
        return "scalar"
    return None


def field_code(f, member, messages, enums):
    """Statements converting one member, or None when it cannot be converted."""
    kind = member_kind(f, member, messages, enums)
    acc = accessor(f["name"])
    src = f"in->{f['json']}"
    if kind == "enum" and member["type"] != f["type"]:
        return f"  out->set_{acc}(enum_value(static_cast<::{f['type']}>({src})));"
    return {
        "node_list": f"  if (!nodes(out->mutable_{acc}(), {src}, cx)) return false;",
        "expr_header": "",
        "node": f"  if ({src} && !node(out->mutable_{acc}(), {src}, cx)) return false;",
        "message_ptr": f"  if ({src} && !conv(out->mutable_{acc}(), {src}, cx)) return false;",
        "message": f"  if (!conv(out->mutable_{acc}(), &{src}, cx)) return false;",
        "cstring": f"  if ({src}) out->set_{acc}({src});",
        "char": f"  if ({src} != 0) out->set_{acc}(std::string(1, {src}));",
        "enum": f"  out->set_{acc}(enum_value({src}));",
        "scalar": f"  out->set_{acc}({src});",
    }.get(kind)


def back_code(f, member, messages, enums):
    """Statements setting one member from the message, as libpg_query's
    protobuf reader sets it (the deparser's input must be the same tree), or
    None when the member is left unset (planner-only members, the Expr header)."""
    acc = accessor(f["name"])
    dst = f"n->{f['json']}"
    return {
        "node_list": f"  for (const auto& item : in.{acc}()) {dst} = lappend({dst}, back_node(item, cx));",
        "node": f"  if (in.has_{acc}()) {dst} = reinterpret_cast<decltype({dst})>(back_node(in.{acc}(), cx));",
        "message_ptr": f"  if (in.has_{acc}()) {dst} = back(in.{acc}(), cx);",
        "message": f"  {dst} = *back(in.{acc}(), cx);",
        "cstring": f"  if (!in.{acc}().empty()) {dst} = pstrdup(in.{acc}().c_str());",
        "char": f"  if (!in.{acc}().empty()) {dst} = in.{acc}()[0];",
        "enum": f"  {dst} = static_cast<decltype({dst})>(c_enum(in.{acc}()));",
        "scalar": f"  {dst} = in.{acc}();",
    }.get(member_kind(f, member, messages, enums))


def main():
    proto_path, include_dir, out_path = sys.argv[1:4]
    messages, enums, oneof_node = parse_proto(open(proto_path, encoding="utf-8").read())
    structs = parse_structs(include_dir)
    lines = []
    convertible = set()
    # First, which messages convert at all (every member they name known).
    bodies = {}
    back_bodies = {}
    for name, fields in messages.items():
        if name in SPECIAL or name not in structs:
            continue
        body = []
        ok = True
        for f in fields:
            member = structs[name].get(f["json"])
            code = field_code(f, member, messages, enums) if member else None
            if code is None:
                # A member only the planner sets: converts while it is unset.
                if member and (member["ptr"] or member["array"]):
                    body.append(f"  if (in->{f['json']}) return false;")
                    continue
                ok = False
                break
            if code:
                body.append(code)
        if ok:
            bodies[name] = body
            convertible.add(name)
            back_bodies[name] = [c for c in (back_code(f, structs[name][f["json"]], messages, enums)
                                             for f in fields) if c]

    lines.append("// Generated by tools/gen_convert.py from pg_query.proto and PostgreSQL's node headers. Do not edit.")
    lines.append('#include "analyzer/ast/pg_convert_impl.h"')
    lines.append("")
    lines.append("namespace miglint::pgconvert {")
    lines.append("")
    used_enums = sorted({f["type"] for n in convertible for f in messages[n] if f["type"] in enums})
    for e in used_enums:
        lines.append(f"pg_query::{e} enum_value(::{e} v) {{")
        lines.append("  switch (v) {")
        for value, number in enums[e]:
            if number == "0":
                continue
            lines.append(f"    case ::{value}: return pg_query::{value};")
        lines.append("  }")
        lines.append(f"  return static_cast<pg_query::{e}>(0);")
        lines.append("}")
        lines.append("")
        # Back: an unset value reads as the first one, as in libpg_query's reader.
        first = next(v for v, n in enums[e] if n != "0")
        lines.append(f"::{e} c_enum(pg_query::{e} v) {{")
        lines.append("  switch (v) {")
        for value, number in enums[e]:
            if number != "0":
                lines.append(f"    case pg_query::{value}: return ::{value};")
        lines.append("    default: break;")
        lines.append("  }")
        lines.append(f"  return ::{first};")
        lines.append("}")
        lines.append("")
    for name in sorted(convertible):
        lines.append(f"bool conv(pg_query::{name}* out, const ::{name}* in, Cx& cx);")
    lines.append("")
    for name in sorted(convertible):
        lines.append(f"bool conv([[maybe_unused]] pg_query::{name}* out, [[maybe_unused]] const ::{name}* in, [[maybe_unused]] Cx& cx) {{")
        lines.extend(bodies[name])
        lines.append("  return true;")
        lines.append("}")
        lines.append("")
    for name in sorted(convertible):
        lines.append(f"::{name}* back(const pg_query::{name}& in, Cx& cx);")
    lines.append("")
    for name in sorted(convertible - BACK_BY_HAND):
        lines.append(f"::{name}* back([[maybe_unused]] const pg_query::{name}& in, [[maybe_unused]] Cx& cx) {{")
        lines.append(f"  auto* n = makeNode({name});")
        lines.extend(back_bodies[name])
        lines.append("  return n;")
        lines.append("}")
        lines.append("")
    lines.append("::Node* back_body(const pg_query::Node& in, Cx& cx) {")
    lines.append("  switch (in.node_case()) {")
    for field, typ in oneof_node:
        acc = accessor(field)
        case = "k" + camel(field)
        if typ in SPECIAL_NODES:
            lines.append(f"    case pg_query::Node::{case}: return back_special(in.{acc}(), cx);")
        elif typ in convertible:
            lines.append(f"    case pg_query::Node::{case}: return reinterpret_cast<::Node*>(back(in.{acc}(), cx));")
    lines.append("    case pg_query::Node::NODE_NOT_SET: return nullptr;")
    lines.append("    default: cx.failed = true; return nullptr;")
    lines.append("  }")
    lines.append("}")
    lines.append("")
    lines.append("bool node_body(pg_query::Node* out, const ::Node* n, Cx& cx) {")
    lines.append("  switch (nodeTag(n)) {")
    for field, typ in oneof_node:
        acc = accessor(field)
        if typ in SPECIAL_NODES:
            lines.append(f"    case T_{typ}: return special(out->mutable_{acc}(), n, cx);")
        elif typ in convertible:
            lines.append(f"    case T_{typ}: return conv(out->mutable_{acc}(), reinterpret_cast<const ::{typ}*>(n), cx);")
    lines.append("    default: return false;")
    lines.append("  }")
    lines.append("}")
    lines.append("")
    lines.append("}  // namespace miglint::pgconvert")
    with open(out_path + ".tmp", "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.replace(out_path + ".tmp", out_path)
    missing = [t for _, t in oneof_node if t not in convertible and t not in SPECIAL]
    if missing:
        print(f"gen_convert.py: {len(missing)} node types take the protobuf path: {' '.join(missing)}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
