#!/usr/bin/env bash
# Checks the yjinspect.v1 API with buf (npm @bufbuild/buf, pinned by
# package-lock.json beside this script):
#
#   check.sh lint     PROTOC GOOGLEAPIS GRPC_PROTO   the rules of proto/buf.yaml
#   check.sh breaking PROTOC GOOGLEAPIS GRPC_PROTO   nothing that breaks a
#                                                    client built against
#                                                    proto/api-baseline.json
#   check.sh catches  PROTOC GOOGLEAPIS GRPC_PROTO   `breaking` refuses a copy
#                                                    of the API with a field
#                                                    removed (the check can fail)
#   check.sh baseline PROTOC GOOGLEAPIS GRPC_PROTO   writes api-baseline.json:
#                                                    only when a release fixes
#                                                    the API
#                                                    (docs/integrating.md)
#
# protoc (Debian's) builds the image buf reads: buf cannot fetch the
# googleapis types (google.type.Date, google.rpc.Status, google.api.http)
# from its registry here, and Debian ships them as plain files (GOOGLEAPIS,
# GRPC_PROTO).
set -euo pipefail
if [ $# -ne 4 ]; then
  echo "usage: $0 lint|breaking|catches|baseline PROTOC GOOGLEAPIS GRPC_PROTO" >&2
  exit 2
fi
mode=$1 protoc=$2 googleapis=$3 grpc_proto=$4
here=$(cd "$(dirname "$0")" && pwd)
proto=$(dirname "$here")
buf="$here/node_modules/.bin/buf"
if [ ! -x "$buf" ]; then
  echo "buf is missing: run scripts/lib/install-node-modules.sh proto/buf" >&2
  exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# image ROOT OUT: the API under ROOT (yjinspect/v1/*.proto) as a binary
# FileDescriptorSet with its imports and source positions.
image() {
  (cd "$1" && "$protoc" -I . -I "$googleapis" -I "$grpc_proto" \
    --include_imports --include_source_info --descriptor_set_out="$2" \
    yjinspect/v1/*.proto)
}

breaking() {
  "$buf" breaking "$1" --against "$proto/api-baseline.json" \
    --config "$proto/buf.yaml" --path yjinspect
}

case $mode in
  lint)
    image "$proto" "$scratch/api.binpb"
    "$buf" lint "$scratch/api.binpb" --config "$proto/buf.yaml" --path yjinspect
    echo "buf lint: the yjinspect.v1 API follows proto/buf.yaml"
    ;;
  breaking)
    image "$proto" "$scratch/api.binpb"
    breaking "$scratch/api.binpb"
    echo "buf breaking: nothing breaks a client of proto/api-baseline.json"
    ;;
  catches)
    # Remove the first field of Case: a change every client would feel.
    cp -r "$proto/yjinspect" "$scratch/"
    case_proto="$scratch/yjinspect/v1/case.proto"
    field=$(awk '/^message Case \{/ {inside=1; next}
                 inside && /^  [a-z].* = [0-9]+;/ {print; exit}' "$case_proto")
    if [ -z "$field" ]; then
      echo "found no field of message Case to remove" >&2
      exit 1
    fi
    grep -vxF -- "$field" "$case_proto" >"$scratch/case.proto"
    mv "$scratch/case.proto" "$case_proto"
    image "$scratch" "$scratch/changed.binpb"
    if out=$(breaking "$scratch/changed.binpb" 2>&1); then
      echo "buf breaking accepted the removal of '$field' from Case" >&2
      exit 1
    fi
    if ! grep -q "was deleted" <<<"$out"; then
      echo "buf breaking failed, but not for the removed field:" >&2
      echo "$out" >&2
      exit 1
    fi
    echo "buf breaking refuses the removal of '$(sed 's/^ *//' <<<"$field")' from Case"
    ;;
  baseline)
    image "$proto" "$scratch/api.binpb"
    "$buf" build "$scratch/api.binpb" --exclude-source-info \
      -o "$scratch/api.json"
    # One field a line, so that a review sees what a new baseline changes.
    node -e 'const fs = require("fs");
      const image = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      fs.writeFileSync(process.argv[2], JSON.stringify(image, null, 1) + "\n");' \
      "$scratch/api.json" "$proto/api-baseline.json"
    echo "wrote $proto/api-baseline.json"
    ;;
  *)
    echo "unknown mode '$mode': lint, breaking, catches or baseline" >&2
    exit 2
    ;;
esac
