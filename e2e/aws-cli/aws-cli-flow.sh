#!/usr/bin/env bash
# The AWS CLI flow against a running Keyhold server, with Debian's AWS CLI v2 (/usr/bin/aws) and the
# credentials set-up wrote: create (or reuse) a CloudHSM key store on the demo cluster, connect it and
# wait for CONNECTED, create a key in it, encrypt and decrypt a file with an encryption context,
# schedule the key's deletion and disconnect the store. Every output is checked; any failure exits
# non-zero. Safe to run again: the store on the demo cluster is reused (a store cannot be deleted
# while its keys wait out their deletion window), and it is left DISCONNECTED.
#
# With XKS_PROXY_URI_ENDPOINT set, an external key store leg follows, against that running XKS proxy:
# create (or reuse and re-point) the store "aws-cli-flow-xks", connect it, create a key with an external
# key id, encrypt and decrypt a file with an encryption context, schedule the key's deletion, disconnect.
#   XKS_PROXY_URI_ENDPOINT  https://127.0.0.1:PORT      XKS_PROXY_URI_PATH  /prefix/kms/xks/v1
#   XKS_PROXY_ACCESS_KEY_ID, XKS_PROXY_SECRET           the proxy credential (read from the environment only)
#   XKS_KEY_ID              an enabled AES-256 key the proxy serves on that path
#
# usage: e2e/aws-cli/aws-cli-flow.sh <server-url> [data-dir]
#   server-url  e.g. http://127.0.0.1:3100 (the KMS endpoint is <server-url>/api/aws)
#   data-dir    the server's KEYHOLD_DATA_DIR (default: $KEYHOLD_DATA_DIR, else ./data)
set -euo pipefail

SERVER_URL=${1:?usage: aws-cli-flow.sh <server-url> [data-dir]}
DATA_DIR=$(cd "${2:-${KEYHOLD_DATA_DIR:-data}}" && pwd)
ENDPOINT=${SERVER_URL%/}
[[ $ENDPOINT == */api/aws ]] || ENDPOINT="$ENDPOINT/api/aws"
AWS=/usr/bin/aws # Debian's awscli (v2), not whatever `aws` is first on PATH
CONNECT_TIMEOUT=${CONNECT_TIMEOUT:-120}

[[ -x $AWS ]] || { echo "aws-cli-flow: $AWS is missing (apt-get install awscli)" >&2; exit 2; }
for f in credentials aws-config; do
  [[ -f $DATA_DIR/$f ]] || { echo "aws-cli-flow: $DATA_DIR/$f is missing: run set-up first" >&2; exit 2; }
done

# Only the files set-up wrote, never the caller's own AWS settings.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_KMS AWS_REGION AWS_DEFAULT_REGION
export AWS_SHARED_CREDENTIALS_FILE="$DATA_DIR/credentials" AWS_CONFIG_FILE="$DATA_DIR/aws-config" AWS_PROFILE=keyhold
export AWS_PAGER="" AWS_MAX_ATTEMPTS=3 AWS_RETRY_MODE=standard

WORK=$(mktemp -d)
STORE_ID=""
CONNECTED_BY_US=""
cleanup() {
  local status=$?
  if [[ $status -ne 0 && -n $CONNECTED_BY_US ]]; then
    echo "aws-cli-flow: failed; disconnecting $STORE_ID" >&2
    kms disconnect-custom-key-store --custom-key-store-id "$STORE_ID" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
kms() { "$AWS" --endpoint-url "$ENDPOINT" --output json kms "$@"; }

# check <json> <label> <JavaScript expression over j>: fails the script unless the expression is true.
check() {
  node -e '
    const [json, label, expr] = process.argv.slice(1);
    const j = JSON.parse(json || "{}");
    let ok;
    try { ok = Function("j", `return (${expr});`)(j); } catch (e) { ok = false; }
    if (!ok) { console.error(`aws-cli-flow: check failed: ${label}\n  expected: ${expr}\n  output:   ${json}`); process.exit(1); }
    console.log(`  ok: ${label}`);
  ' "$1" "$2" "$3"
}
# field <json> <path.to.member>
field() { node -e 'const v = process.argv[2].split(".").reduce((o, k) => o?.[k], JSON.parse(process.argv[1])); process.stdout.write(v === undefined || v === null ? "" : String(v));' "$1" "$2"; }

# encrypt_decrypt_file <key-id> <key-arn> <label>: a 3000-byte file round-trips with an encryption context,
# and a different context is refused.
encrypt_decrypt_file() {
  local key_id=$1 key_arn=$2 label=$3
  head -c 3000 /dev/urandom >"$WORK/plaintext.bin"
  CONTEXT="purpose=aws-cli-flow,run=$RUN_ID"
  enc=$(kms encrypt --key-id "$key_id" --plaintext "fileb://$WORK/plaintext.bin" --encryption-context "$CONTEXT")
  check "$enc" "Encrypt ($label) names the key ARN and SYMMETRIC_DEFAULT" "j.KeyId === '$key_arn' && j.EncryptionAlgorithm === 'SYMMETRIC_DEFAULT' && typeof j.CiphertextBlob === 'string'"
  field "$enc" CiphertextBlob | base64 -d >"$WORK/ciphertext.bin"
  [[ $(stat -c %s "$WORK/ciphertext.bin") -gt 3000 ]] || { echo "aws-cli-flow: the ciphertext is too short" >&2; exit 1; }
  ! cmp -s "$WORK/plaintext.bin" "$WORK/ciphertext.bin" || { echo "aws-cli-flow: the ciphertext is the plaintext" >&2; exit 1; }
  # No KeyId: the ciphertext names its key.
  dec=$(kms decrypt --ciphertext-blob "fileb://$WORK/ciphertext.bin" --encryption-context "$CONTEXT")
  check "$dec" "Decrypt ($label) names the key ARN and SYMMETRIC_DEFAULT" "j.KeyId === '$key_arn' && j.EncryptionAlgorithm === 'SYMMETRIC_DEFAULT' && typeof j.Plaintext === 'string'"
  field "$dec" Plaintext | base64 -d >"$WORK/decrypted.bin"
  cmp "$WORK/plaintext.bin" "$WORK/decrypted.bin"
  echo "  ok: the plaintext round-trips (3000 bytes, $label)"
  if kms decrypt --ciphertext-blob "fileb://$WORK/ciphertext.bin" --encryption-context "purpose=other" >/dev/null 2>"$WORK/err.txt"; then
    echo "aws-cli-flow: Decrypt ($label) with the wrong encryption context succeeded" >&2
    exit 1
  fi
  grep -q InvalidCiphertextException "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; exit 1; }
  echo "  ok: a different encryption context is InvalidCiphertextException ($label)"
}

step "demo cluster"
CLUSTER_ID=""
for dir in "$DATA_DIR"/clusters/cluster-*/; do
  [[ -f $dir/customerCA.crt && -f $dir/kmsuser-password ]] && { CLUSTER_ID=$(basename "$dir"); break; }
done
[[ -n $CLUSTER_ID ]] || { echo "aws-cli-flow: no demo cluster under $DATA_DIR/clusters" >&2; exit 2; }
echo "  $CLUSTER_ID"

step "find or create the key store on $CLUSTER_ID"
stores=$(kms describe-custom-key-stores)
check "$stores" "DescribeCustomKeyStores lists stores" 'Array.isArray(j.CustomKeyStores)'
STORE_ID=$(node -e 'const s = JSON.parse(process.argv[1]).CustomKeyStores.find((s) => s.CloudHsmClusterId === process.argv[2]); process.stdout.write(s ? s.CustomKeyStoreId : "");' "$stores" "$CLUSTER_ID")
if [[ -z $STORE_ID ]]; then
  created=$(kms create-custom-key-store \
    --custom-key-store-name "aws-cli-flow-$CLUSTER_ID" \
    --cloud-hsm-cluster-id "$CLUSTER_ID" \
    --trust-anchor-certificate "file://$DATA_DIR/clusters/$CLUSTER_ID/customerCA.crt" \
    --key-store-password "$(tail -n 1 "$DATA_DIR/clusters/$CLUSTER_ID/kmsuser-password")")
  check "$created" "CreateCustomKeyStore returns the new store's id" '/^cks-[a-z0-9]+$/.test(j.CustomKeyStoreId)'
  STORE_ID=$(field "$created" CustomKeyStoreId)
else
  echo "  reusing $STORE_ID"
fi

describe_store() { kms describe-custom-key-stores --custom-key-store-id "$STORE_ID"; }
store=$(describe_store)
check "$store" "the store is an AWS_CLOUDHSM store on the demo cluster" \
  "j.CustomKeyStores.length === 1 && j.CustomKeyStores[0].CustomKeyStoreId === '$STORE_ID' && j.CustomKeyStores[0].CustomKeyStoreType === 'AWS_CLOUDHSM' && j.CustomKeyStores[0].CloudHsmClusterId === '$CLUSTER_ID' && j.CustomKeyStores[0].TrustAnchorCertificate.includes('BEGIN CERTIFICATE') && !('KeyStorePassword' in j.CustomKeyStores[0])"

# wait_for <state>: polls DescribeCustomKeyStores until ConnectionState is <state> (FAILED ends it).
wait_for() {
  local want=$1 deadline=$((SECONDS + CONNECT_TIMEOUT)) state
  while :; do
    store=$(describe_store)
    state=$(field "$store" CustomKeyStores.0.ConnectionState)
    [[ $state == "$want" ]] && { echo "  $STORE_ID is $state"; return 0; }
    if [[ $state == FAILED && $want != FAILED ]]; then
      echo "aws-cli-flow: $STORE_ID FAILED: $(field "$store" CustomKeyStores.0.ConnectionErrorCode)" >&2
      return 1
    fi
    ((SECONDS < deadline)) || { echo "aws-cli-flow: $STORE_ID still $state after ${CONNECT_TIMEOUT}s" >&2; return 1; }
    sleep 1
  done
}

step "connect $STORE_ID"
state=$(field "$store" CustomKeyStores.0.ConnectionState)
case $state in
  FAILED | CONNECTED)
    # Start from a clean connection (a FAILED store must be disconnected before it can connect).
    out=$(kms disconnect-custom-key-store --custom-key-store-id "$STORE_ID"); check "$out" "DisconnectCustomKeyStore returns {}" 'Object.keys(j).length === 0'
    wait_for DISCONNECTED ;;
  DISCONNECTING) wait_for DISCONNECTED ;;
  CONNECTING) wait_for CONNECTED ;;
esac
store=$(describe_store)
state=$(field "$store" CustomKeyStores.0.ConnectionState)
if [[ $state == DISCONNECTED ]]; then
  out=$(kms connect-custom-key-store --custom-key-store-id "$STORE_ID"); check "$out" "ConnectCustomKeyStore returns {}" 'Object.keys(j).length === 0'
fi
CONNECTED_BY_US=1
wait_for CONNECTED
check "$store" "a CONNECTED store has no ConnectionErrorCode" "j.CustomKeyStores[0].ConnectionState === 'CONNECTED' && !('ConnectionErrorCode' in j.CustomKeyStores[0])"

step "create a key in $STORE_ID"
RUN_ID="run-$(date +%s)-$$"
key=$(kms create-key --origin AWS_CLOUDHSM --custom-key-store-id "$STORE_ID" --description "aws-cli-flow $RUN_ID" --tags "TagKey=flow,TagValue=$RUN_ID")
check "$key" "CreateKey: an Enabled symmetric AWS_CLOUDHSM key in the store and its cluster" \
  "j.KeyMetadata.Origin === 'AWS_CLOUDHSM' && j.KeyMetadata.KeyState === 'Enabled' && j.KeyMetadata.Enabled === true && j.KeyMetadata.CustomKeyStoreId === '$STORE_ID' && j.KeyMetadata.CloudHsmClusterId === '$CLUSTER_ID' && j.KeyMetadata.KeySpec === 'SYMMETRIC_DEFAULT' && j.KeyMetadata.KeyUsage === 'ENCRYPT_DECRYPT' && j.KeyMetadata.KeyManager === 'CUSTOMER' && j.KeyMetadata.Description === 'aws-cli-flow $RUN_ID'"
KEY_ID=$(field "$key" KeyMetadata.KeyId)
KEY_ARN=$(field "$key" KeyMetadata.Arn)
check "$key" "the key ARN names the key" "j.KeyMetadata.Arn.startsWith('arn:aws:kms:') && j.KeyMetadata.Arn.endsWith(':key/$KEY_ID')"

step "encrypt and decrypt a file with an encryption context"
encrypt_decrypt_file "$KEY_ID" "$KEY_ARN" "CloudHSM key store"

step "schedule the key's deletion"
sched=$(kms schedule-key-deletion --key-id "$KEY_ID" --pending-window-in-days 7)
check "$sched" "ScheduleKeyDeletion: PendingDeletion in 7 days" \
  "j.KeyId === '$KEY_ARN' && j.KeyState === 'PendingDeletion' && j.PendingWindowInDays === 7 && Math.abs(Date.parse(j.DeletionDate) - Date.now() - 7 * 864e5) < 36e5"

step "disconnect $STORE_ID"
CLOUDHSM_STORE_ID=$STORE_ID
out=$(kms disconnect-custom-key-store --custom-key-store-id "$STORE_ID"); check "$out" "DisconnectCustomKeyStore returns {}" 'Object.keys(j).length === 0'
wait_for DISCONNECTED
CONNECTED_BY_US=""
out=$(kms describe-key --key-id "$KEY_ID"); check "$out" "a pending-deletion key stays PendingDeletion while its store is disconnected" "j.KeyMetadata.KeyState === 'PendingDeletion'"
if kms encrypt --key-id "$KEY_ID" --plaintext "fileb://$WORK/plaintext.bin" >/dev/null 2>"$WORK/err.txt"; then
  echo "aws-cli-flow: Encrypt with a pending-deletion key succeeded" >&2
  exit 1
fi
grep -q KMSInvalidStateException "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; exit 1; }
echo "  ok: the key cannot be used"

if [[ -n ${XKS_PROXY_URI_ENDPOINT:-} ]]; then
  : "${XKS_PROXY_URI_PATH:?}" "${XKS_PROXY_ACCESS_KEY_ID:?}" "${XKS_PROXY_SECRET:?}" "${XKS_KEY_ID:?}"
  XKS_STORE_NAME=aws-cli-flow-xks
  # The proxy credential goes in a 0600 file (--cli-input-json), never on a command line.
  xks_input() {
    (umask 077 && node -e '
      const [id, name] = process.argv.slice(1);
      const e = process.env;
      const o = { ...(id ? { CustomKeyStoreId: id } : { CustomKeyStoreName: name, CustomKeyStoreType: "EXTERNAL_KEY_STORE", XksProxyConnectivity: "PUBLIC_ENDPOINT" }),
        XksProxyUriEndpoint: e.XKS_PROXY_URI_ENDPOINT, XksProxyUriPath: e.XKS_PROXY_URI_PATH,
        XksProxyAuthenticationCredential: { AccessKeyId: e.XKS_PROXY_ACCESS_KEY_ID, RawSecretAccessKey: e.XKS_PROXY_SECRET } };
      process.stdout.write(JSON.stringify(o));
    ' "$1" "$XKS_STORE_NAME" >"$WORK/xks-store.json")
  }

  step "find or create the external key store $XKS_STORE_NAME"
  stores=$(kms describe-custom-key-stores)
  STORE_ID=$(node -e 'const s = JSON.parse(process.argv[1]).CustomKeyStores.find((s) => s.CustomKeyStoreName === process.argv[2]); process.stdout.write(s ? s.CustomKeyStoreId : "");' "$stores" "$XKS_STORE_NAME")
  if [[ -z $STORE_ID ]]; then
    xks_input ""
    created=$(kms create-custom-key-store --cli-input-json "file://$WORK/xks-store.json")
    check "$created" "CreateCustomKeyStore (EXTERNAL_KEY_STORE) returns the new store's id" '/^cks-[a-z0-9]+$/.test(j.CustomKeyStoreId)'
    STORE_ID=$(field "$created" CustomKeyStoreId)
  else
    echo "  reusing $STORE_ID: disconnect, then point it at this proxy"
    state=$(field "$(describe_store)" CustomKeyStores.0.ConnectionState)
    if [[ $state != DISCONNECTED ]]; then
      out=$(kms disconnect-custom-key-store --custom-key-store-id "$STORE_ID"); check "$out" "DisconnectCustomKeyStore returns {}" 'Object.keys(j).length === 0'
      wait_for DISCONNECTED
    fi
    xks_input "$STORE_ID"
    out=$(kms update-custom-key-store --cli-input-json "file://$WORK/xks-store.json"); check "$out" "UpdateCustomKeyStore returns {}" 'Object.keys(j).length === 0'
  fi
  rm -f "$WORK/xks-store.json"
  store=$(describe_store)
  check "$store" "the store is an EXTERNAL_KEY_STORE on this proxy, without its secret" \
    "j.CustomKeyStores[0].CustomKeyStoreType === 'EXTERNAL_KEY_STORE' && j.CustomKeyStores[0].XksProxyConfiguration.Connectivity === 'PUBLIC_ENDPOINT' && j.CustomKeyStores[0].XksProxyConfiguration.UriEndpoint === '$XKS_PROXY_URI_ENDPOINT' && j.CustomKeyStores[0].XksProxyConfiguration.UriPath === '$XKS_PROXY_URI_PATH' && j.CustomKeyStores[0].XksProxyConfiguration.AccessKeyId === '$XKS_PROXY_ACCESS_KEY_ID' && !JSON.stringify(j).includes(process.env.XKS_PROXY_SECRET)"

  step "connect $STORE_ID"
  out=$(kms connect-custom-key-store --custom-key-store-id "$STORE_ID"); check "$out" "ConnectCustomKeyStore returns {}" 'Object.keys(j).length === 0'
  CONNECTED_BY_US=1
  wait_for CONNECTED

  step "create a key with the external key $XKS_KEY_ID"
  key=$(kms create-key --origin EXTERNAL_KEY_STORE --custom-key-store-id "$STORE_ID" --xks-key-id "$XKS_KEY_ID" --description "aws-cli-flow xks $RUN_ID")
  check "$key" "CreateKey: an Enabled EXTERNAL_KEY_STORE key backed by the external key" \
    "j.KeyMetadata.Origin === 'EXTERNAL_KEY_STORE' && j.KeyMetadata.KeyState === 'Enabled' && j.KeyMetadata.CustomKeyStoreId === '$STORE_ID' && j.KeyMetadata.XksKeyConfiguration.Id === '$XKS_KEY_ID' && j.KeyMetadata.KeySpec === 'SYMMETRIC_DEFAULT' && j.KeyMetadata.KeyUsage === 'ENCRYPT_DECRYPT'"
  XKS_KMS_KEY_ID=$(field "$key" KeyMetadata.KeyId)
  XKS_KMS_KEY_ARN=$(field "$key" KeyMetadata.Arn)
  if kms create-key --origin EXTERNAL_KEY_STORE --custom-key-store-id "$STORE_ID" --xks-key-id "$XKS_KEY_ID" >/dev/null 2>"$WORK/err.txt"; then
    echo "aws-cli-flow: a second key on the same external key was created" >&2
    exit 1
  fi
  grep -q XksKeyAlreadyInUseException "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; exit 1; }
  echo "  ok: the same external key again is XksKeyAlreadyInUseException"

  step "encrypt and decrypt a file with an encryption context (external key store)"
  encrypt_decrypt_file "$XKS_KMS_KEY_ID" "$XKS_KMS_KEY_ARN" "external key store"

  step "schedule the key's deletion and disconnect $STORE_ID"
  sched=$(kms schedule-key-deletion --key-id "$XKS_KMS_KEY_ID" --pending-window-in-days 7)
  check "$sched" "ScheduleKeyDeletion: PendingDeletion" "j.KeyState === 'PendingDeletion'"
  out=$(kms disconnect-custom-key-store --custom-key-store-id "$STORE_ID"); check "$out" "DisconnectCustomKeyStore returns {}" 'Object.keys(j).length === 0'
  wait_for DISCONNECTED
  CONNECTED_BY_US=""
  printf '\naws-cli-flow: external key store leg passed (store %s, key %s, external key %s)\n' "$STORE_ID" "$XKS_KMS_KEY_ID" "$XKS_KEY_ID"
fi

printf '\naws-cli-flow: all checks passed (store %s, key %s)\n' "$CLOUDHSM_STORE_ID" "$KEY_ID"
