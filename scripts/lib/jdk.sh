# shellcheck shell=bash
# Finds a JDK >= 21 and exports JAVA_HOME and JAVA (the java launcher to run).
#
# Sourced by the other scripts: `. "$ROOT/scripts/lib/jdk.sh"`.
# Search order: $JAVA_HOME, then `java` on PATH, then the newest /usr/lib/jvm/*.
# Versions are read from the JDK's `release` file with shell builtins, not from
# `java -version`, so sourcing this costs a few milliseconds (scripts/shuttle
# sources it on every start). If no JDK is found it says what to install and
# exits 1. Also exports SHUTTLE_JAVA_MAJOR (e.g. 25) for version-dependent flags.

SHUTTLE_MIN_JAVA=${SHUTTLE_MIN_JAVA:-21}

# Sets jdk_major to the feature release (8, 17, 21, 25...) of the JDK at $1,
# or to 0 if $1 is not a JDK. A variable, not output: no subshell to fork.
shuttle_jdk_major() {
    local home=$1 line version=""
    jdk_major=0
    [[ -x $home/bin/java ]] || return 0
    if [[ -r $home/release ]]; then
        while IFS= read -r line; do
            if [[ $line == JAVA_VERSION=* ]]; then
                version=${line#JAVA_VERSION=}
                version=${version//\"/}
                break
            fi
        done <"$home/release"
    else
        # No release file (unusual layouts): ask the launcher once.
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
    fi
    version=${version#1.}          # "1.8.0_412" -> "8.0_412"
    version=${version%%[!0-9]*}    # keep the leading digits
    jdk_major=${version:-0}
}

# Sets jdk_home to the JDK to use, or to "" if there is none.
shuttle_find_jdk() {
    local candidate java_on_path best_major=0
    jdk_home=""

    # 1. JAVA_HOME, when it is recent enough.
    if [[ -n ${JAVA_HOME:-} ]]; then
        shuttle_jdk_major "$JAVA_HOME"
        if (( jdk_major >= SHUTTLE_MIN_JAVA )); then
            jdk_home=$JAVA_HOME
            return 0
        fi
    fi

    # 2. `java` on PATH: /usr/bin/java -> .../jdk/bin/java, so the home is two levels up.
    if java_on_path=$(command -v java 2>/dev/null); then
        candidate=$(readlink -f "$java_on_path")
        candidate=${candidate%/bin/java}
        shuttle_jdk_major "$candidate"
        if (( jdk_major >= SHUTTLE_MIN_JAVA )); then
            jdk_home=$candidate
            return 0
        fi
    fi

    # 3. The newest JDK installed under /usr/lib/jvm (symlinks are aliases: skip them).
    for candidate in /usr/lib/jvm/*; do
        [[ -d $candidate && ! -L $candidate ]] || continue
        shuttle_jdk_major "$candidate"
        if (( jdk_major >= SHUTTLE_MIN_JAVA && jdk_major > best_major )); then
            jdk_home=$candidate
            best_major=$jdk_major
        fi
    done
    return 0
}

shuttle_find_jdk
if [[ -z $jdk_home ]]; then
    {
        echo "shuttle: no JDK ${SHUTTLE_MIN_JAVA} or newer found."
        echo "  looked at: JAVA_HOME=${JAVA_HOME:-<unset>}, 'java' on PATH, /usr/lib/jvm/*"
        echo "  fix: apt-get install openjdk-${SHUTTLE_MIN_JAVA}-jdk-headless"
        echo "       or set JAVA_HOME to a JDK ${SHUTTLE_MIN_JAVA}+ (the directory holding bin/java)"
    } >&2
    exit 1
fi

JAVA_HOME=$jdk_home
JAVA=$JAVA_HOME/bin/java
shuttle_jdk_major "$JAVA_HOME"
SHUTTLE_JAVA_MAJOR=$jdk_major
export JAVA_HOME JAVA SHUTTLE_JAVA_MAJOR
unset jdk_home jdk_major
