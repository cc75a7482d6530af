#!/usr/bin/env bash
# Packages the release binaries that "make release" built into dist/STAGE/
# TARGET/: each archive holds its folder with the binary, a bilingual
# first-steps text and the licenses of everything built in (Go modules,
# SQLite, the vendored browser libraries); then SHA256SUMS over the archives.
#
#   .ci/release/package.sh VERSION DIST TARGET...   (TARGET is os_arch)
#
# Archives are reproducible: files get the commit's time, and tar and zip
# record no owner or extra attributes.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$1 dist=$2
shift 2
stamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)

# txtName is a file's name, ending in .txt unless it is text or Markdown
# already, so that Windows opens it.
txtName() {
  local base
  base=$(basename "$1")
  case $base in *.txt | *.md) echo "$base" ;; *) echo "$base.txt" ;; esac
}

# licenses TARGET DIR writes the licenses of every module built into the
# TARGET binary, and of the browser libraries, into DIR.
licenses() {
  local goos=${1%_*} goarch=${1#*_} dir=$2
  mkdir -p "$dir"
  {
    echo "Presente $version is built from these modules; their licenses follow in this folder."
    echo "SQLite, built in through github.com/mattn/go-sqlite3, is in the public domain."
    echo
  } > "$dir/README.txt"
  GOOS=$goos GOARCH=$goarch CGO_ENABLED=1 go list -deps -tags "$RELEASE_TAGS" \
    -f '{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}} {{with .Replace}}{{.Dir}}{{else}}{{.Dir}}{{end}}{{end}}{{end}}' \
    ./cmd/presente | sort -u | while read -r path ver moddir; do
    echo "$path $ver" >> "$dir/README.txt"
    local found=0
    for f in "$moddir"/LICENSE* "$moddir"/LICENCE* "$moddir"/COPYING* "$moddir"/NOTICE* "$moddir"/PATENTS*; do
      [ -f "$f" ] || continue
      cp "$f" "$dir/${path//\//_}_$(txtName "$f")"
      found=1
    done
    if [ $found -eq 0 ]; then
      echo "no license file in $path ($moddir)" >&2
      exit 1
    fi
  done
  for lib in static/www/vendor/*/; do
    for f in "$lib"LICENSE*; do
      cp "$f" "$dir/browser_$(basename "$lib")_$(txtName "$f")"
    done
    head -n 1 "$lib/VERSION.txt" | sed "s|^|browser library $(basename "$lib"): |" >> "$dir/README.txt"
  done
}

# stage TARGET fills dist/stage/NAME with what the TARGET archive holds.
stage() {
  local target=$1 name=presente_${version}_$1
  local from=$dist/stage/$target to=$dist/stage/$name
  rm -rf "$to"
  mkdir -p "$to"
  if [ "${target%_*}" = windows ]; then
    cp "$from/presente.exe" "$to/"
    # CRLF and a byte order mark: any Notepad shows the accents.
    { printf '\357\273\277'; sed 's/$/\r/' .ci/release/first-steps-windows.txt; } > "$to/LEEME-README.txt"
  else
    install -m 0755 "$from/presente" "$to/"
    cp .ci/release/first-steps-linux.txt "$to/LEEME-README.txt"
  fi
  licenses "$target" "$to/LICENSES"
  find "$to" -exec touch -h -d "@$stamp" {} +
}

for target in "$@"; do
  stage "$target"
  name=presente_${version}_$target
  if [ "${target%_*}" = windows ]; then
    (cd "$dist/stage" && find "$name" | LC_ALL=C sort | zip -q -X -@ "../$name.zip")
  else
    tar -C "$dist/stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" \
      -cf - "$name" | gzip -n -9 > "$dist/$name.tar.gz"
  fi
done
(cd "$dist" && sha256sum -- *.zip *.tar.gz > SHA256SUMS)
rm -rf "$dist/stage"
echo "Wrote $(cd "$dist" && ls | tr '\n' ' ')in $dist/"
