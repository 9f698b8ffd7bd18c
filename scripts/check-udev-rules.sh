#!/usr/bin/env bash
# Checks the syntax of udev rules files: `udevadm verify` where it exists (systemd 254 and later),
# and always this script's own parser, which also checks the commented-out example rules.
#
# Usage: scripts/check-udev-rules.sh FILE...
#
# Why our own parser: Debian 12 ships systemd 252, whose udevadm has no `verify`, and `udevadm test`
# is no substitute: it loads only the system's rules directories and applies what it computes (it
# changes device permissions and creates /dev symlinks), so it must not run in CI.
#
# What the parser checks, per rule (a line, or lines joined by a trailing backslash):
#   - every element is KEY[{attr}] OP "value", elements separated by commas;
#   - KEY is a udev key, with {attr} where the key needs one; OP is one the key accepts
#     (match keys: == and !=; assignment keys: = += -= :=);
#   - MODE is octal; SYMLINK names have no spaces; every GOTO has a LABEL after it.
# Lines starting with `#` directly followed by an upper-case key (`#SUBSYSTEM==…`) are commented-out
# rules and are checked too (they are the examples users copy); `# text` is prose.
set -euo pipefail
(($#)) || { echo "usage: $0 FILE..." >&2; exit 2; }

status=0
if udevadm verify --help >/dev/null 2>&1; then
    udevadm verify "$@" || status=1
    echo "check-udev-rules: udevadm verify: $([ $status = 0 ] && echo OK || echo FAILED)" >&2
else
    echo "check-udev-rules: udevadm verify not available (systemd $(udevadm --version 2>/dev/null || echo '?') < 254): parser only" >&2
fi

for file in "$@"; do
    awk -v file="$file" '
    function fail(msg) { printf "%s:%d: %s\n", file, start, msg > "/dev/stderr"; errors++ }
    BEGIN {
        split("ACTION DEVPATH KERNEL KERNELS SUBSYSTEM SUBSYSTEMS DRIVER DRIVERS ATTRS TAGS RESULT CONST TEST", m)
        for (i in m) kind[m[i]] = "match"
        split("NAME SYMLINK ENV ATTR SYSCTL TAG PROGRAM", b); for (i in b) kind[b[i]] = "both"
        split("OWNER GROUP MODE SECLABEL OPTIONS LABEL GOTO RUN IMPORT", a); for (i in a) kind[a[i]] = "assign"
        split("ATTR ATTRS ENV SYSCTL CONST SECLABEL", n); for (i in n) needsAttr[n[i]] = 1
        split("RUN IMPORT TEST", o); for (i in o) mayAttr[o[i]] = 1
    }
    {
        line = $0
        if (pending != "") { line = pending line } else { start = NR }
        if (line ~ /\\$/) { pending = substr(line, 1, length(line) - 1); next }
        pending = ""
        sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
        if (line == "") next
        if (line ~ /^#/) {
            if (line !~ /^#[A-Z]/) next          # prose
            line = substr(line, 2); commented++
        }
        rules++
        count = 0
        while (line != "") {
            if (!match(line, /^[A-Z_]+([{][^}]*[}])?[ \t]*(==|!=|\+=|-=|:=|=)[ \t]*"[^"]*"/)) {
                fail("cannot parse \"" line "\" (expected KEY OP \"value\")"); break
            }
            element = substr(line, 1, RLENGTH); line = substr(line, RLENGTH + 1)
            count++
            match(element, /^[A-Z_]+/); key = substr(element, 1, RLENGTH); rest = substr(element, RLENGTH + 1)
            attr = ""
            if (rest ~ /^[{]/) { match(rest, /^[{][^}]*[}]/); attr = substr(rest, 2, RLENGTH - 2); rest = substr(rest, RLENGTH + 1) }
            sub(/^[ \t]+/, "", rest); match(rest, /^(==|!=|\+=|-=|:=|=)/); op = substr(rest, 1, RLENGTH)
            value = substr(rest, RLENGTH + 1); sub(/^[ \t]+/, "", value); value = substr(value, 2, length(value) - 2)
            if (!(key in kind)) fail("unknown key " key)
            else {
                if ((key in needsAttr) && attr == "") fail(key " needs {attribute}")
                if (attr != "" && !(key in needsAttr) && !(key in mayAttr)) fail(key " takes no {attribute}")
                isMatch = (op == "==" || op == "!=")
                if (kind[key] == "match" && !isMatch) fail(key " is a match key: use == or !=, not " op)
                if (kind[key] == "assign" && isMatch) fail(key " is an assignment: use = (or += :=), not " op)
                if ((key == "LABEL" || key == "GOTO") && op != "=") fail(key " takes =")
            }
            if (key == "MODE" && value !~ /^0?[0-7][0-7][0-7]$/) fail("MODE \"" value "\" is not octal")
            if (key == "SYMLINK" && value ~ /[ \t]/ && value !~ /%|\$/) fail("SYMLINK \"" value "\" has a space: two links?")
            if (key == "GOTO") gotos[value] = start
            if (key == "LABEL") { labels[value] = start; for (g in gotos) if (g == value) delete gotos[g] }
            sub(/^[ \t]+/, "", line)
            if (line == "") break
            if (line !~ /^,/) { fail("expected , after " element); break }
            line = substr(line, 2); sub(/^[ \t]+/, "", line)
            if (line == "") { fail("trailing comma"); break }
        }
    }
    END {
        for (g in gotos) { start = gotos[g]; fail("GOTO=\"" g "\" has no LABEL after it") }
        if (pending != "") fail("file ends with a backslash")
        if (errors) exit 1
        printf "check-udev-rules: %s: %d rules (%d commented-out examples) parse\n", file, rules, commented > "/dev/stderr"
    }' "$file" || status=1
done
exit $status
