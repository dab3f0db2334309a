#!/usr/bin/env bash
# Makes throwaway mutual-TLS material with openssl, for the demo and the
# tests. NOT for production: keys are unencrypted and the CA is local.
#
#   make_certs.sh DIR [--test-extras] [CLIENT_CN ...]
#
# In DIR (created when missing; files already there are kept, so a rerun
# changes nothing):
#   ca.pem ca.key                    the local CA every peer trusts
#   intake.pem intake.key            intake's server certificate
#   findings.pem findings.key        findings' certificate: server, and
#                                    client to intake (CN findings-service)
#   CN.pem CN.key                    a client certificate per CLIENT_CN
#                                    (CN workbench: server and client)
# With --test-extras, certificates that must be refused, all for CN lead-1:
#   expired.pem/.key (by the CA, already expired), self-signed.pem/.key,
#   wrong-ca.pem/.key (by another CA, other-ca.pem).
# Server certificates name localhost and 127.0.0.1.
set -euo pipefail

dir="$1"
shift
extras=0
if [ "${1:-}" = "--test-extras" ]; then extras=1; shift; fi
mkdir -p "$dir"
cd "$dir"

newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }

make_ca() {  # name CN
  [ -f "$1.pem" ] && return 0
  newkey "$1.key"
  openssl req -x509 -new -key "$1.key" -out "$1.pem" -days 3650 -subj "/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# name CN usage(server|client|both) ca days
make_leaf() {
  local name="$1" cn="$2" usage="$3" ca="$4" days="$5" ext
  [ -f "$name.pem" ] && return 0
  newkey "$name.key"
  ext=$(mktemp)
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    case "$usage" in
      server) echo "extendedKeyUsage=serverAuth" ;;
      client) echo "extendedKeyUsage=clientAuth" ;;
      both) echo "extendedKeyUsage=serverAuth,clientAuth" ;;
    esac
    if [ "$usage" != client ]; then echo "subjectAltName=DNS:localhost,IP:127.0.0.1"; fi
  } >"$ext"
  openssl req -new -key "$name.key" -subj "/CN=$cn" 2>/dev/null |
    openssl x509 -req -CA "$ca.pem" -CAkey "$ca.key" -CAcreateserial \
      -days "$days" -extfile "$ext" -out "$name.pem" 2>/dev/null
  rm -f "$ext"
}

make_ca ca "yjinspect local CA (throwaway)"
make_leaf intake intake server ca 825
make_leaf findings findings-service both ca 825
# The workbench also serves its JSON API to systems over mutual TLS
# (--api_listen) with its certificate: a server's too.
for cn in "$@"; do
  if [ "$cn" = workbench ]; then
    make_leaf "$cn" "$cn" both ca 825
  else
    make_leaf "$cn" "$cn" client ca 825
  fi
done

if [ "$extras" = 1 ]; then
  # -days -1: valid from now, expired a day ago.
  make_leaf expired lead-1 client ca -1
  make_ca other-ca "another CA"
  make_leaf wrong-ca lead-1 client other-ca 825
  if [ ! -f self-signed.pem ]; then
    newkey self-signed.key
    openssl req -x509 -new -key self-signed.key -out self-signed.pem -days 825 \
      -subj "/CN=lead-1" 2>/dev/null
  fi
fi
