#!/usr/bin/python3
"""Writes docs/api.md, the API reference, from the proto comments.

Reads a descriptor set that protoc made with --include_imports and
--include_source_info (the build's proto/gen/yjinspect_api.binpb) and writes
Markdown: every service and method, every message with its fields, every
enum with its values, each with the comment the .proto gives it, then the
google.rpc error details the services send. Under each method it gives
the method's HTTP mapping, its google.api.http option (verb, path
template, body), when it has one.

Which files are documented is not decided here: CMake passes its list of
public protos (YJ_API_PROTOS in proto/CMakeLists.txt), so moving a file
out of the public API changes that list only.

  api_reference.py --descriptor-set FILE --out docs/api.md \
      --document yjinspect/v1/case.proto ... --error-detail google.rpc.Status ...
  api_reference.py ... --check docs/api.md   # exit 1 when it is stale

Standard library and python3-protobuf only.
"""

import argparse
import difflib
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

FieldType = descriptor_pb2.FieldDescriptorProto

# descriptor.proto field numbers, the steps of a SourceCodeInfo path.
MESSAGE_IN_FILE, ENUM_IN_FILE, SERVICE_IN_FILE, SYNTAX = 4, 5, 6, 12
FIELD_IN_MESSAGE, NESTED_IN_MESSAGE, ENUM_IN_MESSAGE = 2, 3, 4
VALUE_IN_ENUM, METHOD_IN_SERVICE = 2, 2

# The google.api.http extension of google.protobuf.MethodOptions
# (google/api/annotations.proto), a google.api.HttpRule.
HTTP_RULE_EXTENSION = 72295728
HTTP_RULE_FILE, HTTP_RULE = "google/api/http.proto", "google.api.HttpRule"

SCALARS = {
    FieldType.TYPE_DOUBLE: "double", FieldType.TYPE_FLOAT: "float",
    FieldType.TYPE_INT64: "int64", FieldType.TYPE_UINT64: "uint64",
    FieldType.TYPE_INT32: "int32", FieldType.TYPE_FIXED64: "fixed64",
    FieldType.TYPE_FIXED32: "fixed32", FieldType.TYPE_BOOL: "bool",
    FieldType.TYPE_STRING: "string", FieldType.TYPE_BYTES: "bytes",
    FieldType.TYPE_UINT32: "uint32", FieldType.TYPE_SFIXED32: "sfixed32",
    FieldType.TYPE_SFIXED64: "sfixed64", FieldType.TYPE_SINT32: "sint32",
    FieldType.TYPE_SINT64: "sint64",
}


class Comments:
    """The comments of one file, by SourceCodeInfo path."""

    def __init__(self, file_proto):
        self.by_path = {}
        for location in file_proto.source_code_info.location:
            self.by_path[tuple(location.path)] = location

    def of(self, path):
        """The leading comment (else the trailing one) as paragraphs."""
        location = self.by_path.get(tuple(path))
        if location is None:
            return ""
        text = location.leading_comments or location.trailing_comments
        return tidy(text)

    def file_header(self):
        """The comment above `syntax`: what the file is for."""
        location = self.by_path.get((SYNTAX,))
        if location is None or not location.leading_detached_comments:
            return ""
        return tidy(location.leading_detached_comments[0])


class HttpRules:
    """The google.api.http option of methods, decoded with the set's own
    google/api/http.proto. descriptor_pb2 does not know the extension, so
    it stays among a MethodOptions' unknown fields: it is read from the
    options' wire form."""

    def __init__(self, files):
        self.rule_class = None
        if HTTP_RULE_FILE in files:
            pool = descriptor_pool.DescriptorPool()
            pool.Add(files[HTTP_RULE_FILE])
            descriptor = pool.FindMessageTypeByName(HTTP_RULE)
            if hasattr(message_factory, "GetMessageClass"):
                self.rule_class = message_factory.GetMessageClass(descriptor)
            else:
                self.rule_class = message_factory.MessageFactory(
                    pool).GetPrototype(descriptor)

    def of(self, method):
        """The method's HttpRule, or None."""
        if self.rule_class is None or not method.HasField("options"):
            return None
        value = extension_bytes(method.options.SerializeToString(),
                                HTTP_RULE_EXTENSION)
        if value is None:
            return None
        return self.rule_class.FromString(value)


def extension_bytes(wire, number):
    """The bytes of length-delimited field `number` in a serialized
    message (the pieces concatenated, as a parser merges them), or None."""
    found, i = None, 0
    while i < len(wire):
        tag, i = read_varint(wire, i)
        field, wire_type = tag >> 3, tag & 7
        if wire_type == 0:
            _, i = read_varint(wire, i)
        elif wire_type == 1:
            i += 8
        elif wire_type == 5:
            i += 4
        elif wire_type == 2:
            size, i = read_varint(wire, i)
            if field == number:
                found = (found or b"") + wire[i:i + size]
            i += size
        else:
            raise SystemExit(f"unexpected wire type {wire_type} in options")
    return found


def read_varint(wire, i):
    value, shift = 0, 0
    while True:
        byte = wire[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, i


def http_lines(rule):
    """Markdown paragraphs for an HttpRule: the binding, then each of its
    additional bindings."""
    out = ["HTTP: " + http_binding(rule), ""]
    for extra in rule.additional_bindings:
        out += ["HTTP, additional binding: " + http_binding(extra), ""]
    return out


def http_binding(rule):
    pattern = rule.WhichOneof("pattern")
    if pattern == "custom":
        verb, path = rule.custom.kind, rule.custom.path
    else:
        verb, path = pattern.upper(), getattr(rule, pattern)
    text = f"`{verb} {path}`"
    if rule.body:
        text += f", body: `{rule.body}`"
    if rule.response_body:
        text += f", response body: `{rule.response_body}`"
    return text


def tidy(text):
    lines = [line[1:] if line.startswith(" ") else line
             for line in text.rstrip().split("\n")]
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def cell(text):
    """A comment fit for one table cell: one line, paragraphs kept."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "<br>".join(p for p in paragraphs if p).replace("|", "\\|")


class Reference:
    """The Markdown reference of the documented files of a descriptor set."""

    def __init__(self, file_set, documented, error_details):
        self.files = {f.name: f for f in file_set.file}
        missing = [name for name in documented if name not in self.files]
        if missing:
            raise SystemExit("not in the descriptor set: " + ", ".join(missing))
        self.documented = documented
        self.error_details = error_details
        self.http_rules = HttpRules(self.files)
        # Every message and enum of the set by full name: (file, path, proto).
        self.types = {}
        for f in file_set.file:
            for i, m in enumerate(f.message_type):
                self._index_message(f, f.package, m, [MESSAGE_IN_FILE, i])
            for i, e in enumerate(f.enum_type):
                self.types[f"{f.package}.{e.name}"] = (f, [ENUM_IN_FILE, i], e)
        self.linked = set()
        for name in documented:
            self.linked.update(self._names_in(self.files[name]))
        self.linked.update(self._error_detail_names())

    def _index_message(self, f, scope, message, path):
        full = f"{scope}.{message.name}"
        self.types[full] = (f, path, message)
        for i, nested in enumerate(message.nested_type):
            self._index_message(f, full, nested,
                                path + [NESTED_IN_MESSAGE, i])
        for i, e in enumerate(message.enum_type):
            self.types[f"{full}.{e.name}"] = (
                f, path + [ENUM_IN_MESSAGE, i], e)

    def _names_in(self, f):
        return [n for n, (owner, _, _) in self.types.items() if owner is f]

    def _error_detail_names(self):
        names = []
        for name in self.error_details:
            if name not in self.types:
                raise SystemExit(f"error detail {name}: not in the descriptor set")
            names += [n for n in self.types
                      if n == name or n.startswith(name + ".")]
        return names

    def link(self, full_name):
        full_name = full_name.lstrip(".")
        short = full_name.rsplit(".", 1)[-1]
        if full_name in self.linked:
            return f"[{short}](#{full_name})"
        return f"`{full_name}`"

    def field_type(self, field):
        if field.type in SCALARS:
            base = SCALARS[field.type]
        else:
            entry = self.types.get(field.type_name.lstrip("."))
            if entry and is_map_entry(entry[2]):
                key, value = entry[2].field
                return f"map<{self.field_type(key)}, {self.field_type(value)}>"
            base = self.link(field.type_name)
        if field.label == FieldType.LABEL_REPEATED:
            return "repeated " + base
        return base

    def render(self):
        out = [
            "# yjinspect.v1 API reference",
            "",
            "<!-- Generated by proto/api_reference.py from the comments in "
            "the .proto files. Do not edit: change the comments, then run "
            "`cmake --build <build dir> --target api_docs`. -->",
            "",
            "Every service, method, message and enum of the public API, with "
            "the comments of `proto/yjinspect/v1/`. How to call it: "
            "[integrating.md](integrating.md); who may call what: "
            "[security.md](security.md); every refusal's reason: "
            "[errors.md](errors.md).",
            "",
            "A method with an `HTTP:` line also has an HTTP/JSON mapping, "
            "its `google.api.http` option: the verb and path template "
            "(`{field=pattern}` takes that request field from the path), "
            "and which request field the JSON body fills (`*`: the whole "
            "request); the request's other fields come from the query "
            "string. A method without one is reached over gRPC only.",
            "",
            "- [Services](#services)",
        ]
        services = [(f, i, s) for name in self.documented
                    for f in [self.files[name]]
                    for i, s in enumerate(f.service)]
        for f, _, s in services:
            full = f"{f.package}.{s.name}"
            out.append(f"  - [{s.name}](#{full})")
        out.append("- [Messages and enums](#messages-and-enums), by file")
        for name in self.documented:
            out.append(f"  - [{name}](#{anchor_of_file(name)})")
        out += ["- [Errors](#errors)", "", "## Services", ""]
        for f, i, s in services:
            out += self.service(f, i, s)
        out += ["## Messages and enums", ""]
        for name in self.documented:
            out += self.file(self.files[name])
        out += self.errors()
        return "\n".join(out).rstrip("\n") + "\n"

    def service(self, f, index, service):
        comments = Comments(f)
        full = f"{f.package}.{service.name}"
        path = [SERVICE_IN_FILE, index]
        out = [f'<a id="{full}"></a>', "", f"### {service.name}", "",
               f"`{full}`, in `{f.name}`.", ""]
        if comments.of(path):
            out += [comments.of(path), ""]
        out += ["| method | request | response |", "|---|---|---|"]
        for m in service.method:
            request = ("stream " if m.client_streaming else "") + self.link(
                m.input_type)
            response = ("stream " if m.server_streaming else "") + self.link(
                m.output_type)
            out.append(f"| [{m.name}](#{full}.{m.name}) | {request} | "
                       f"{response} |")
        out.append("")
        for j, m in enumerate(service.method):
            request = ("stream " if m.client_streaming else "") + \
                m.input_type.rsplit(".", 1)[-1]
            response = ("stream " if m.server_streaming else "") + \
                m.output_type.rsplit(".", 1)[-1]
            out += [f'<a id="{full}.{m.name}"></a>', "",
                    f"#### {service.name}.{m.name}", "",
                    f"`rpc {m.name}({request}) returns ({response})`", ""]
            rule = self.http_rules.of(m)
            if rule is not None:
                out += http_lines(rule)
            text = comments.of(path + [METHOD_IN_SERVICE, j])
            if text:
                out += [text, ""]
        return out

    def file(self, f):
        comments = Comments(f)
        out = [f'<a id="{anchor_of_file(f.name)}"></a>', "", f"### {f.name}",
               ""]
        if comments.file_header():
            out += [comments.file_header(), ""]
        for name in [n for n in self.types if self.types[n][0] is f]:
            out += self.type(name)
        return out

    def type(self, full_name):
        f, path, proto = self.types[full_name]
        if isinstance(proto, descriptor_pb2.DescriptorProto):
            if is_map_entry(proto):
                return []
            return self.message(full_name, Comments(f), path, proto)
        return self.enum(full_name, Comments(f), path, proto)

    def message(self, full_name, comments, path, message):
        short = full_name.split(".", 2)[-1]
        out = [f'<a id="{full_name}"></a>', "", f"#### {short}", "",
               f"message `{full_name}`", ""]
        if comments.of(path):
            out += [comments.of(path), ""]
        if not message.field:
            return out + ["No fields.", ""]
        out += ["| # | field | type | description |", "|---|---|---|---|"]
        for i, field in enumerate(message.field):
            text = cell(comments.of(path + [FIELD_IN_MESSAGE, i]))
            real_oneof = (field.HasField("oneof_index")
                          and not field.proto3_optional)
            if real_oneof:
                oneof = message.oneof_decl[field.oneof_index].name
                text = f"One of `{oneof}`. {text}".strip()
            out.append(f"| {field.number} | `{field.name}` | "
                       f"{self.field_type(field)} | {text} |")
        return out + [""]

    def enum(self, full_name, comments, path, enum):
        short = full_name.split(".", 2)[-1]
        out = [f'<a id="{full_name}"></a>', "", f"#### {short}", "",
               f"enum `{full_name}`", ""]
        if comments.of(path):
            out += [comments.of(path), ""]
        out += ["| value | number | description |", "|---|---|---|"]
        for i, value in enumerate(enum.value):
            text = cell(comments.of(path + [VALUE_IN_ENUM, i]))
            out.append(f"| `{value.name}` | {value.number} | {text} |")
        return out + [""]

    def errors(self):
        out = [
            "## Errors", "",
            "A refusal is a gRPC status; its details (`grpc-status-details-bin`"
            ", a serialized `google.rpc.Status`) hold the messages below. "
            "INVALID_ARGUMENT carries a [BadRequest](#google.rpc.BadRequest) "
            "with one field violation per problem; ABORTED, ALREADY_EXISTS, "
            "FAILED_PRECONDITION and PERMISSION_DENIED carry an "
            "[ErrorInfo](#google.rpc.ErrorInfo), and FAILED_PRECONDITION also "
            "a [PreconditionFailure](#google.rpc.PreconditionFailure). The "
            "reasons, per code and RPC, are in [errors.md](errors.md).", "",
        ]
        for name in self.error_details:
            for n in self.types:
                if n == name or n.startswith(name + "."):
                    out += self.type(n)
        return out


def is_map_entry(proto):
    return (isinstance(proto, descriptor_pb2.DescriptorProto)
            and proto.options.map_entry)


def anchor_of_file(name):
    return "file-" + name.replace("/", "-").replace(".", "-")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--descriptor-set", required=True)
    parser.add_argument("--document", nargs="+", required=True,
                        help="the public .proto files, as protoc names them")
    parser.add_argument("--error-detail", nargs="*", default=[],
                        help="full names of the error detail messages")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="write the reference here")
    target.add_argument("--check", help="exit 1 unless this file is current")
    args = parser.parse_args()

    file_set = descriptor_pb2.FileDescriptorSet()
    with open(args.descriptor_set, "rb") as f:
        file_set.ParseFromString(f.read())
    text = Reference(file_set, args.document, args.error_detail).render()

    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        return 0
    try:
        with open(args.check, encoding="utf-8") as f:
            committed = f.read()
    except FileNotFoundError:
        committed = ""
    if committed == text:
        return 0
    diff = difflib.unified_diff(committed.splitlines(True),
                                text.splitlines(True), args.check,
                                "generated from the protos now", n=1)
    sys.stdout.writelines(list(diff)[:60])
    print(f"\n{args.check} is stale: the proto comments changed since it was "
          "generated. Regenerate it with `cmake --build <build dir> --target "
          "api_docs` (make api_docs) and commit it.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
