#!/usr/bin/env bash
# CI test of the Ansible role in ansible/ (docs/fleet.md): ansible-lint --offline, a syntax check
# of the Windows path, and ansible-playbook on four hosts of this machine (local connection),
# each collected with `hostcheck facts` in its own network namespace with its own listeners:
# the fleet report must show web-pass pass, db-fail fail, app-unknown unknown (its facts run as
# nobody, who cannot see a root listener's owner) and cache-broken error (its collection fails).
# Needs root (ip netns). Usage: scripts/ci-ansible.sh HOSTCHECK_BINARY
set -euo pipefail
bin=$(realpath "${1:?usage: scripts/ci-ansible.sh HOSTCHECK_BINARY}")
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v ansible-playbook >/dev/null || ! command -v ansible-lint >/dev/null \
   || ! python3 -c 'import ansible_collections.ansible.windows' 2>/dev/null; then
  pip install -q ansible-core ansible ansible-lint
fi
ansible-playbook --version | sed -n 1p

work=$(mktemp -d /tmp/hostcheck-ci-ansible.XXXXXX)
chmod 0755 "$work"   # the host run as nobody reads its hostcheck below it
pids=()
namespaces=(hcans-web-pass hcans-db-fail hcans-app-unknown)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  [ -n "${KEEP_CI_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# A listener in a namespace, as root; returns once it accepts connections.
listen() { # NAMESPACE PORT
  if [ "$2" = 8080 ]; then
    ip netns exec "$1" python3 -m http.server 8080 --bind 127.0.0.1 >/dev/null 2>&1 &
  else
    ip netns exec "$1" python3 -c 'import socket, signal, sys
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); signal.pause()' "$2" &
  fi
  pids+=($!)
  for _ in $(seq 100); do
    ip netns exec "$1" bash -c "exec 3<>/dev/tcp/127.0.0.1/$2" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no listener on $2 in $1"; return 1
}
for ns in "${namespaces[@]}"; do
  ip netns del "$ns" 2>/dev/null || true
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  listen "$ns" 8080
done
listen hcans-web-pass 5005   # labelled env=dev: out of scope of the debug-port rule
listen hcans-db-fail 5005    # labelled env=prod: the debug-port rule fails

export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP="$work/ansible-local" ANSIBLE_HOME="$work/ansible-home" \
  ANSIBLE_RETRY_FILES_ENABLED=0 HOSTCHECK_CI_DIR="$work"

echo "ansible-lint --offline ansible/"
(cd ansible && ansible-lint --offline --nocolor)

echo "syntax check of the Windows path (WinRM and SSH hosts)"
ansible-playbook --syntax-check -i ansible/tests/windows-inventory.yml ansible/fleet.yml

cat >"$work/vars.json" <<JSON
{ "hostcheck_binary_src": "$bin",
  "hostcheck_fleet_dir": "$work/fleet",
  "hostcheck_packs": ["$root/ansible/tests/packs"],
  "hostcheck_reports": [{ "format": "text", "path": "$work/report.txt" },
                        { "format": "json", "path": "$work/results.json" }] }
JSON
echo "inventory: ansible/tests/inventory.yml"
ansible-inventory -i ansible/tests/inventory.yml --graph --vars | grep -vE 'ansible_python_interpreter|hostcheck_remote_dir'
set +e
ansible-playbook -i ansible/tests/inventory.yml ansible/fleet.yml -e "@$work/vars.json" >"$work/playbook.log" 2>&1
status=$?
set -e
sed -n '/^PLAY RECAP/,$p' "$work/playbook.log"
if [ "$status" -ne 0 ]; then cat "$work/playbook.log"; echo "ansible-playbook exited $status"; exit 1; fi
grep -E '^(web-pass|db-fail|app-unknown|cache-broken) +:.* failed=0 ' "$work/playbook.log" | wc -l | grep -qx 4 \
  || { echo "a host failed in the recap"; exit 1; }

echo "the fleet directory:"
(cd "$work" && find fleet -not -path 'fleet/.staging*' | sort)
echo "the fleet report (text):"
cat "$work/report.txt"

python3 - "$work/results.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
rank = {"pass": 0, "skip": 0, "waived": 0, "unknown": 1, "error": 2, "fail": 3}
by_rule, worst = {}, {}
for r in results["results"]:
    host, outcome = r["host"], r["outcome"]
    by_rule[(host, r["rule"])] = outcome
    if host not in worst or rank[outcome] > rank[worst[host]] or (worst[host] == "skip" and outcome == "pass"):
        worst[host] = outcome
expected = {"web-pass": "pass", "db-fail": "fail", "app-unknown": "unknown", "cache-broken": "error"}
expected_rules = {
    ("web-pass", "http-8080-is-python"): "pass", ("web-pass", "no-debug-port-outside-dev"): "skip",
    ("web-pass", "db-group-loopback-only"): "skip", ("db-fail", "no-debug-port-outside-dev"): "fail",
    ("db-fail", "db-group-loopback-only"): "pass", ("app-unknown", "http-8080-is-python"): "unknown",
}
problems = [f"{h}: {worst.get(h)} (expected {o})" for h, o in expected.items() if worst.get(h) != o]
problems += [f"{h} {r}: {by_rule.get((h, r))} (expected {o})" for (h, r), o in expected_rules.items() if by_rule.get((h, r)) != o]
problems += [f"unexpected host {h}" for h in worst if h not in expected]
if problems:
    print("fleet outcomes wrong:\n  " + "\n  ".join(problems)); sys.exit(1)
print("fleet outcomes as expected: " + ", ".join(f"{h} {worst[h]}" for h in expected))
PY
