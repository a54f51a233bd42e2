#!/usr/bin/env bash
# Fails when the newsdex library references stdout/stderr printing, exit or abort directly.
set -euo pipefail
lib=$1
bad=$(nm -C --undefined-only "$lib" 2>/dev/null |
      grep -E ' U (std::cout|std::cerr|std::clog|printf|puts|fputs|putchar|stdout|stderr|exit|_exit|std::exit|quick_exit)$' |
      sort -u || true)
if [ -n "$bad" ]; then
  echo "newsdex_common must not print or exit; it references:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "library_never_prints: ok"
