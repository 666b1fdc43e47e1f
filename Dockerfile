# syntax=docker/dockerfile:1
#
# One image per processor service, all from this file:
#
#   docker build --build-arg SERVICE=Scanner -t processor-scanner .
#
# SERVICE is one of Scanner, Reporter, Signer, Scheduler (the folder services/Processor.<SERVICE>/). compose.yaml builds all four.
#
# No HEALTHCHECK here: the aspnet image has neither curl nor wget, and the port differs per service (and may be changed with
# Urls). compose.yaml defines the checks with bash's /dev/tcp against /health/ready instead.

# ---------------------------------------------------------------------------------------------------------------------
# Build: runs on the builder's own platform and publishes for the target architecture (TARGETARCH is set by BuildKit).
# ---------------------------------------------------------------------------------------------------------------------
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TARGETARCH
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORKDIR /src

# Restore first, from the build and central package management files and the project files only, so that this layer
# stays cached until a dependency changes. Every project a service references (transitively) must be listed here;
# tests/Processor.Deployment.Tests checks that. The restore covers all four services so that the four images share it.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY contracts/Processor.Contracts/Processor.Contracts.csproj contracts/Processor.Contracts/
COPY libs/Processor.Messaging/Processor.Messaging.csproj libs/Processor.Messaging/
COPY libs/Processor.Hosting/Processor.Hosting.csproj libs/Processor.Hosting/
COPY libs/Processor.Crypto/Processor.Crypto.csproj libs/Processor.Crypto/
COPY libs/Processor.Crypto.Threshold/Processor.Crypto.Threshold.csproj libs/Processor.Crypto.Threshold/
COPY libs/Processor.Bitcoin/Processor.Bitcoin.csproj libs/Processor.Bitcoin/
COPY libs/Processor.Monero/Processor.Monero.csproj libs/Processor.Monero/
COPY libs/Processor.Networks/Processor.Networks.csproj libs/Processor.Networks/
COPY libs/Processor.Networks.Plugins/Processor.Networks.Plugins.csproj libs/Processor.Networks.Plugins/
COPY libs/Processor.KeyBook/Processor.KeyBook.csproj libs/Processor.KeyBook/
COPY libs/Processor.Serai/Processor.Serai.csproj libs/Processor.Serai/
COPY libs/Processor.Scheduling/Processor.Scheduling.csproj libs/Processor.Scheduling/
COPY services/Directory.Build.props services/
COPY services/Processor.Scanner/Processor.Scanner.csproj services/Processor.Scanner/
COPY services/Processor.Reporter/Processor.Reporter.csproj services/Processor.Reporter/
COPY services/Processor.Signer/Processor.Signer.csproj services/Processor.Signer/
COPY services/Processor.Scheduler/Processor.Scheduler.csproj services/Processor.Scheduler/
RUN set -eu; \
    for service in Scanner Reporter Signer Scheduler; do \
      dotnet restore "services/Processor.$service/Processor.$service.csproj" ${TARGETARCH:+-a "$TARGETARCH"} -p:UseAppHost=false -p:PublishReadyToRun=true; \
    done

# Then the sources (only what the services build from: tests and tools stay out of this layer).
COPY .editorconfig ./
COPY schemas/ schemas/
COPY contracts/ contracts/
COPY libs/ libs/
COPY services/ services/

ARG SERVICE
RUN set -eu; \
    case "$SERVICE" in \
      Scanner|Reporter|Signer|Scheduler) ;; \
      *) echo "Build argument SERVICE must be one of Scanner, Reporter, Signer, Scheduler (got '$SERVICE')." >&2; exit 1 ;; \
    esac; \
    dotnet publish "services/Processor.$SERVICE/Processor.$SERVICE.csproj" \
      --configuration Release --no-restore ${TARGETARCH:+-a "$TARGETARCH"} -p:UseAppHost=false -p:PublishReadyToRun=true \
      --output /app

# ---------------------------------------------------------------------------------------------------------------------
# Runtime: ASP.NET Core on Ubuntu 24.04 (the .NET 10 images are Ubuntu-based; librdkafka from the Confluent.Kafka package
# needs glibc, so not Alpine). Runs as the image's non-root `app` user (UID 1654).
# ---------------------------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
ARG SERVICE

# secp256k1 for the Bitcoin and FROST code (P/Invoke into the distribution's library). Its package name carries the ABI
# version (libsecp256k1-1 on Debian 12, -2 on newer releases); the binding loads either, so take the newest there is.
RUN apt-get update \
    && package="$(apt-cache search --names-only '^libsecp256k1-[0-9]+$' | cut -d' ' -f1 | sort -V | tail -n 1)" \
    && test -n "$package" \
    && apt-get install -y --no-install-recommends "$package" \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Owned by root and not writable by the service's user.
COPY --from=build /app ./

LABEL org.opencontainers.image.title="processor-${SERVICE}" \
      org.opencontainers.image.description="Processor ${SERVICE} service"

# The aspnet image sets ASPNETCORE_HTTP_PORTS=8080; the services choose their own port (Urls, or 127.0.0.1:<health port>).
ENV PROCESSOR_SERVICE=${SERVICE} \
    ASPNETCORE_HTTP_PORTS=

USER $APP_UID

# `exec` makes dotnet PID 1, so it receives SIGTERM from `docker stop` and shuts down gracefully (30 s host timeout).
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"Processor.${PROCESSOR_SERVICE}.dll\" \"$@\"", "--"]
