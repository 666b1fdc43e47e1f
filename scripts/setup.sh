#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine, idempotently: Debian packages (PostgreSQL server
# binaries for the throwaway clusters, Node.js/npm for the schema tools, litecoind as the regtest test node, libsecp256k1
# for the curve operations, monero (monerod + monero-wallet-rpc) as the Monero regtest test node) and the NuGet
# packages. Safe to re-run.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(postgresql nodejs npm litecoind libsecp256k1-1 monero)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    # node/npm may come from another source than Debian; only install what is really absent.
    case "$package" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK 10 is required (dotnet was not found on PATH)" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore "$repo_root/processor.sln" -v q
