#!/usr/bin/env bash
# Benchmark dangjian against jieba (Python), jieba-rs (@node-rs/jieba), SQLite FTS5 (trigram)
# and ripgrep (issue 7). Installs the peers that are missing, builds dangjian and the driver,
# and writes bench/RESULTS.md. See bench/README.md.
#
#   bench/run.sh                      # 10, 50 and 200 MB, 3 runs each
#   bench/run.sh --sizes 10 --runs 3  # any driver flag (bench/.work/bin/benchdrive -h)
#   bench/run.sh --quick              # 1 MB, to check the harness
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
peers=bench/.peers
bin=bench/.work/bin

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
	as_root apt-get install -y --no-install-recommends "$@" || { as_root apt-get update && as_root apt-get install -y --no-install-recommends "$@"; }
}

# Python with jieba and with sqlite3's FTS5 trigram tokenizer (SQLite ≥ 3.34).
python_ok() {
	"$1" - <<'PY' 2>/dev/null
import sqlite3, jieba
sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
PY
}
pick_python() {
	local p
	for p in /usr/bin/python3 "$(command -v python3 || true)"; do
		if [ -n "$p" ] && [ -x "$p" ] && python_ok "$p"; then echo "$p"; return 0; fi
	done
	return 1
}

if ! python="$(pick_python)"; then
	echo "installing python3-jieba" >&2
	apt_install python3-jieba
	python="$(pick_python)" || { echo "no python3 with jieba and FTS5 trigram" >&2; exit 1; }
fi
if ! command -v rg >/dev/null; then
	echo "installing ripgrep" >&2
	apt_install ripgrep
fi
command -v node >/dev/null || apt_install nodejs npm
if [ ! -d "$peers/node_modules/@node-rs/jieba" ]; then
	echo "installing @node-rs/jieba into $peers" >&2
	mkdir -p "$peers"
	[ -f "$peers/package.json" ] || echo '{"private": true}' >"$peers/package.json"
	npm install --prefix "$peers" --no-audit --no-fund @node-rs/jieba >&2
fi

mkdir -p "$bin"
go build -o "$bin/dangjian" ./cmd/dangjian
go build -o "$bin/benchdrive" ./bench/benchdrive
exec "$bin/benchdrive" --python "$python" --dangjian "$bin/dangjian" --peers "$peers" "$@"
