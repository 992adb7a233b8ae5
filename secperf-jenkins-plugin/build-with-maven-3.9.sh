#!/usr/bin/env bash
# Builds the Jenkins plugin (mvn -Pjenkins) with Maven 3.9.x, which Jenkins plugin POM 5.7 requires (3.9.6+), on a
# machine whose own Maven is older (3.8 is fine for the default build). Apache Maven itself is an ordinary artifact
# (org.apache.maven:apache-maven:<version>:zip:bin): the installed Maven fetches it from the repositories it is
# configured for (dependency:copy), it is unpacked under target/ and run on this project.
#
#   secperf-jenkins-plugin/build-with-maven-3.9.sh                 # = mvn -B -Pjenkins package with Maven 3.9
#   secperf-jenkins-plugin/build-with-maven-3.9.sh -B verify        # any Maven arguments; -Pjenkins is added
#   SECPERF_MAVEN_VERSION=3.9.9 secperf-jenkins-plugin/build-with-maven-3.9.sh
#
# The root POM's jenkins profile checks the Maven version first (enforcer), so a wrong Maven fails at once. The
# plugin module still needs the Jenkins repository (parent POM, core, plugins). 'clean' removes target/ and with it
# the unpacked Maven; the next run unpacks it again from the local repository (no download).
set -euo pipefail

version="${SECPERF_MAVEN_VERSION:-3.9.16}"
case "$version" in
  3.9.*) ;;
  *) echo "build-with-maven-3.9.sh: SECPERF_MAVEN_VERSION must be a 3.9.x version, was '$version'" >&2; exit 4 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$root/target/maven-$version"
mvn_home="$dist/apache-maven-$version"

if [ ! -x "$mvn_home/bin/mvn" ]; then
  echo "[secperf] fetching org.apache.maven:apache-maven:$version:zip:bin with $(command -v mvn)"
  mvn -B -q -N -f "$root/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      "-Dartifact=org.apache.maven:apache-maven:$version:zip:bin" "-DoutputDirectory=$dist"
  zip="$dist/apache-maven-$version-bin.zip"
  if [ ! -f "$zip" ]; then
    echo "build-with-maven-3.9.sh: $zip was not written by dependency:copy" >&2
    exit 5
  fi
  rm -rf "$mvn_home.tmp" && mkdir -p "$mvn_home.tmp"
  if command -v unzip >/dev/null; then
    unzip -q "$zip" -d "$mvn_home.tmp"
  else
    (cd "$mvn_home.tmp" && jar xf "$zip")
  fi
  chmod +x "$mvn_home.tmp/apache-maven-$version/bin/mvn"
  rm -rf "$mvn_home" && mv "$mvn_home.tmp/apache-maven-$version" "$mvn_home" && rmdir "$mvn_home.tmp"
fi

"$mvn_home/bin/mvn" -v | head -1
# the root project alone first: its jenkins profile checks the Maven version (enforcer) without reading the plugin
# module, whose parent POM needs the Jenkins repository
"$mvn_home/bin/mvn" -B -q -N -f "$root/pom.xml" -Pjenkins validate
echo "[secperf] Maven $version passes the -Pjenkins Maven version check; building the plugin"
if [ "$#" -eq 0 ]; then
  set -- -B package
fi
exec "$mvn_home/bin/mvn" -f "$root/pom.xml" -Pjenkins "$@"
