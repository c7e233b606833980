#!/usr/bin/env bash
# Resident memory (VmRSS) of Copydesk holding a 200-draft story, against a bare
# eframe window of the same size, both release builds under Xvfb.
#
# Spelling (issue 12): the same story three ways, to show what the
# dictionaries cost: with `--no-spelling` (no dictionary loaded), as is (the
# default en_US loads at start), and with the story set to en_GB (en_US at
# start and en_GB for the story: both loaded).
#
# Usage: benches/memory.sh [SECONDS]   (default: read VmRSS after 5 seconds)
# Needs: xvfb-run (Debian/Ubuntu package "xvfb").
#
# Target: Copydesk with the 200-draft story within 80 MB of the bare window.
set -euo pipefail

settle="${1:-5}"
cd "$(dirname "$0")/.."

command -v xvfb-run >/dev/null || {
    echo "memory.sh: xvfb-run is not installed (apt-get install xvfb)" >&2
    exit 2
}

cargo build --release --quiet --bin copydesk --example bare_window --example make_big_story \
    --example dictionary_memory

root="$(pwd)"
copydesk="$root/target/release/copydesk"
bare="$root/target/release/examples/bare_window"
maker="$root/target/release/examples/make_big_story"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Keep the apps' saved settings (window size, recent files) out of the user's own.
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"

story="$tmp/story-200-drafts.ron"
"$maker" "$story" 200 2000 >&2
story_gb="$tmp/story-200-drafts-en_GB.ron"
"$maker" "$story_gb" 200 2000 en_GB >&2

# Every descendant of a process, depth first.
descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
        echo "$child"
        descendants "$child"
    done
}

# rss_kib BINARY [ARGS...]: start BINARY under xvfb-run, wait $settle seconds,
# print its VmRSS in KiB, then stop it (and only it: xvfb-run then stops Xvfb).
rss_kib() {
    local binary="$1" wrapper pid="" rss
    xvfb-run -a -s "-screen 0 1280x900x24" "$@" >"$tmp/out.log" 2>&1 &
    wrapper=$!
    # Find the binary itself among xvfb-run's descendants (not xvfb-run, not Xvfb).
    for _ in $(seq 100); do
        for p in $(descendants "$wrapper"); do
            if [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$binary" ]; then
                pid="$p"
                break
            fi
        done
        [ -n "$pid" ] && break
        sleep 0.1
    done
    if [ -z "$pid" ]; then
        echo "memory.sh: $binary did not start:" >&2
        cat "$tmp/out.log" >&2
        kill "$wrapper" 2>/dev/null || true
        return 1
    fi
    sleep "$settle"
    if ! rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" || [ -z "$rss" ]; then
        echo "memory.sh: $binary exited before $settle seconds:" >&2
        cat "$tmp/out.log" >&2
        return 1
    fi
    kill "$pid"
    wait "$wrapper" 2>/dev/null || true
    echo "$rss"
}

bare_kib="$(rss_kib "$bare")"
app_kib="$(rss_kib "$copydesk" "$story")"
none_kib="$(rss_kib "$copydesk" --no-spelling "$story")"
both_kib="$(rss_kib "$copydesk" "$story_gb")"
diff_kib=$((app_kib - bare_kib))

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
echo "bare eframe window:            VmRSS $bare_kib KiB ($(mib "$bare_kib"))"
echo "copydesk, 200-draft story:     VmRSS $app_kib KiB ($(mib "$app_kib")) (en_US loaded)"
echo "difference:                    $diff_kib KiB ($(mib "$diff_kib")); target within 80 MB"
if [ "$diff_kib" -le $((80 * 1000 * 1000 / 1024)) ]; then
    echo "within target"
else
    echo "OVER target"
fi
echo
echo "spelling, the same story:"
echo "  --no-spelling (none loaded): VmRSS $none_kib KiB ($(mib "$none_kib"))"
echo "  en_US loaded:                VmRSS $app_kib KiB ($(mib "$app_kib")); +$(mib $((app_kib - none_kib)))"
echo "  en_US and en_GB loaded:      VmRSS $both_kib KiB ($(mib "$both_kib")); +$(mib $((both_kib - none_kib)))"
echo
echo "the dictionaries alone, in a process of their own:"
"$root/target/release/examples/dictionary_memory"
