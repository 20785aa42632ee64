# Sourced by ./platform and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Keeps a suitable JAVA_HOME or default java; otherwise picks the newest JDK under /usr/lib/jvm (or $SHOPSTACK_JDK_DIRS).

shopstack_java_major() { # $1 = path to a java binary
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

shopstack_select_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(shopstack_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    major=$(shopstack_java_major "$(command -v java)")
    if [ "${major:-0}" -ge 21 ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
      export JAVA_HOME
      return 0
    fi
  fi
  for candidate in ${SHOPSTACK_JDK_DIRS:-/usr/lib/jvm/* /opt/java/* /opt/jdk*}; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(shopstack_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "error: shopstack needs a JDK 21 or newer; set JAVA_HOME to one" >&2
    return 1
  fi
  export JAVA_HOME=$best
}

shopstack_select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# Maven itself uses sun.misc.Unsafe (Guice); JDK 24+ warns about it unless allowed.
if [ "$(shopstack_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
