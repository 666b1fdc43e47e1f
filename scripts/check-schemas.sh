#!/usr/bin/env bash
# Checks the Protobuf contracts in schemas/:
#   1. `buf lint` with the rules of schemas/buf.yaml;
#   2. `buf breaking` (FILE rules) against the schema set committed on the base branch.
#
# Usage: scripts/check-schemas.sh
# Environment:
#   SCHEMAS_BASE_REF  git revision to compare against (default: main, falling back to origin/main).
#                     On a feature branch the default compares with main; on main itself it compares
#                     the working tree with the last commit. CI on main can set it to HEAD~1.
#   BUF_VERSION       buf version to install into .tools/ (default 1.75.0).
# Exit status: 0 when both checks pass (or there is nothing to compare against), 1 on violations
# (buf's messages are printed), 2 on a usage or environment error.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
schemas_dir="$repo_root/schemas"
tools_dir="$repo_root/.tools"
buf_version="${BUF_VERSION:-1.75.0}"
buf="$tools_dir/node_modules/.bin/buf"

# --- install buf (idempotent) -------------------------------------------------------------------
if [[ ! -x "$buf" ]] || [[ "$("$buf" --version 2>/dev/null || true)" != "$buf_version" ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "check-schemas: npm is required to install @bufbuild/buf@$buf_version into .tools/" >&2
    exit 2
  fi
  echo "check-schemas: installing @bufbuild/buf@$buf_version into .tools/"
  mkdir -p "$tools_dir"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools_dir" "@bufbuild/buf@$buf_version" >&2
fi
echo "check-schemas: buf $("$buf" --version)"

status=0
scratch=""
trap '[[ -z "$scratch" ]] || rm -rf "$scratch"' EXIT

# --- lint ----------------------------------------------------------------------------------------
cd "$schemas_dir"
if "$buf" lint; then
  echo "check-schemas: lint passed"
else
  echo "check-schemas: lint FAILED (rules: schemas/buf.yaml)" >&2
  status=1
fi

# --- breaking ------------------------------------------------------------------------------------
# The base schema set is exported with `git archive`, which works the same in a fresh clone, a
# worktree or a shallow clone (as long as the base commit is present), and lets us see whether the
# base has any schema at all. (Called as an `if` condition, so `set -e` does not apply inside: every
# failure is checked explicitly.)
compare_base() {
  if ! git -C "$repo_root" rev-parse --git-dir >/dev/null 2>&1; then
    echo "check-schemas: not a git repository: nothing to compare against, breaking check skipped"
    return 0
  fi

  local requested="${SCHEMAS_BASE_REF:-}" base_commit="" ref
  if [[ -n "$requested" ]]; then
    if ! base_commit="$(git -C "$repo_root" rev-parse --verify --quiet "${requested}^{commit}")"; then
      echo "check-schemas: SCHEMAS_BASE_REF='$requested' is not a commit in this repository" >&2
      return 2
    fi
    ref="$requested"
  else
    for ref in refs/heads/main refs/remotes/origin/main; do
      if base_commit="$(git -C "$repo_root" rev-parse --verify --quiet "${ref}^{commit}")"; then
        break
      fi
      base_commit=""
    done
    if [[ -z "$base_commit" ]]; then
      echo "check-schemas: no 'main' branch with a commit (new repository?): nothing to compare against, breaking check passes"
      return 0
    fi
  fi

  if ! git -C "$repo_root" ls-tree -r --name-only "$base_commit" -- schemas | grep -q '\.proto$'; then
    echo "check-schemas: $ref (${base_commit:0:12}) has no schemas yet: nothing to compare against, breaking check passes"
    return 0
  fi

  scratch="$(mktemp -d "${TMPDIR:-/tmp}/check-schemas.XXXXXX")"
  if ! git -C "$repo_root" archive --format=tar "$base_commit" -- schemas | tar -x -C "$scratch"; then
    echo "check-schemas: could not export the schemas of $ref" >&2
    return 2
  fi

  echo "check-schemas: comparing with the schemas of $ref (${base_commit:0:12})"
  if "$buf" breaking --against "$scratch/schemas"; then
    echo "check-schemas: no breaking changes"
    return 0
  fi
  echo "check-schemas: BREAKING changes against $ref (rules: schemas/buf.yaml). Fields are only added;" \
    "removed field numbers and names go into 'reserved'." >&2
  return 1
}

if compare_base; then
  :
else
  rc=$?
  if (( rc > status )); then status=$rc; fi
fi

exit "$status"
