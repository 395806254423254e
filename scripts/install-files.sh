#!/usr/bin/env bash
# Copies a built ecoute into a prefix: the binary, its resource bundle where the binary finds it,
# the man page, shell completions (bash, zsh, fish) and the docs. Builds nothing: `make install`
# builds first. Usage: scripts/install-files.sh BUILD_DIR MAN_PAGE PREFIX [DESTDIR]
set -euo pipefail
build=$1; manpage=$2; prefix=$3; destdir=${4:-}
root="$destdir$prefix"
here="$(cd "$(dirname "$0")/.." && pwd)"
install -d "$root/bin" "$root/share/ecoute" "$root/share/man/man1" "$root/share/doc/ecoute" \
  "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 0755 "$build/ecoute" "$root/bin/ecoute"
# Symbols are for debugging the build, not for running it: stripped, the binary is a fraction of its size.
if command -v strip >/dev/null; then strip --strip-unneeded "$root/bin/ecoute"; fi
rm -rf "$root/share/ecoute/ecoute_EcouteResources.resources"
cp -R "$build/ecoute_EcouteResources.resources" "$root/share/ecoute/"
install -m 0644 "$manpage" "$root/share/man/man1/ecoute.1"
"$build/ecoute" --generate-completion-script bash > "$root/share/bash-completion/completions/ecoute"
"$build/ecoute" --generate-completion-script zsh > "$root/share/zsh/site-functions/_ecoute"
"$build/ecoute" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/ecoute.fish"
install -m 0644 "$here/README.md" "$here"/docs/*.md "$root/share/doc/ecoute/"
echo "ecoute installed in $root"
