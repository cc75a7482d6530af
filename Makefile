# Presente: `make run` starts a demo, `make test` runs every test.
GO       ?= go
BIN      := bin/presente
DATA     ?= data
HTTP     ?= 127.0.0.1:8080
PKGS     := ./...
RACEPKGS := ./server/... ./badges/...

.PHONY: all build run test unit race e2e bench fuzz vet fmt-check deps clean release cross run-network

# Release binaries: cgo for SQLite, cross-compiled with Debian's gcc for
# each target; static (no DLL beyond Windows' own, no glibc version to
# match), pure-Go DNS and user lookup, no SQLite extension loading.
VERSION         ?= dev
COMMIT          := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
RELEASE_TAGS    := netgo,osusergo,sqlite_omit_load_extension
RELEASE_LDFLAGS := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT) -linkmode external -extldflags -static
CC_windows_amd64 := x86_64-w64-mingw32-gcc
CC_linux_amd64   := gcc
CC_linux_arm64   := aarch64-linux-gnu-gcc
export RELEASE_TAGS

# release-bin builds the binary of target $(1) (os_arch) as $(2).
define release-bin
	CGO_ENABLED=1 GOOS=$(word 1,$(subst _, ,$(1))) GOARCH=$(word 2,$(subst _, ,$(1))) CC=$(CC_$(1)) \
		$(GO) build -trimpath -tags '$(RELEASE_TAGS)' -ldflags '$(RELEASE_LDFLAGS)' -o $(2) ./cmd/presente
endef

all: build

build:
	$(GO) build -o $(BIN) ./cmd/presente

## run: build, then serve a demo network from ./data (seeded on first run)
run: build
	./$(BIN) demo --data $(DATA) --http $(HTTP)

## run-network: a hub (the demo) and two venues that joined it, on loopback
run-network: build
	BIN=$(BIN) NET=$(DATA)-network bash .ci/network/run.sh

## test: formatting, vet, the cross builds, the race detector on the server, every other test
test: deps fmt-check vet cross race unit
	$(MAKE) fuzz FUZZTIME=3s

## release: dist/ with the Windows, Linux amd64 and Linux arm64 archives and SHA256SUMS
release: deps
	@case "$(VERSION)" in [0-9]*.[0-9]*.[0-9]*) ;; *) echo "usage: make release VERSION=x.y.z" >&2; exit 2;; esac
	rm -rf dist
	$(call release-bin,windows_amd64,dist/stage/windows_amd64/presente.exe)
	$(call release-bin,linux_amd64,dist/stage/linux_amd64/presente)
	$(call release-bin,linux_arm64,dist/stage/linux_arm64/presente)
	.ci/release/package.sh $(VERSION) dist windows_amd64 linux_amd64 linux_arm64

## cross: build (not run: no Windows here) the Windows and arm64 binaries; vet each OS's own files
cross:
	$(call release-bin,windows_amd64,bin/cross/presente.exe)
	$(call release-bin,linux_arm64,bin/cross/presente-arm64)
	for os in darwin windows linux; do CGO_ENABLED=0 GOOS=$$os $(GO) vet ./server/lan/ ./cmd/presente/desktop/ || exit 1; done

deps:
	@bash .ci/deps

fmt-check:
	@out="$$(gofmt -l cmd server static badges)"; \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

race:
	$(GO) test -race -count=1 -timeout 45m $(RACEPKGS)

unit:
	$(GO) test -count=1 -timeout 20m ./cmd/...

## e2e: only the browser tests
e2e: deps
	$(GO) test -count=1 -timeout 20m -run 'Browser|WebKit' ./server/...

## bench: every figure with its baseline measured in the same run, as a table and ./bench.json
bench: deps
	PRESENTE_BENCH=1 PRESENTE_BENCH_JSON=$(CURDIR)/bench.json $(GO) test -count=1 -timeout 20m -v -run '^TestBenchReport$$' ./server/

FUZZTIME ?= 20s
## fuzz: each fuzz target for FUZZTIME; make test runs them briefly
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzCheckInJSON$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./server/
	$(GO) test -run '^$$' -fuzz '^FuzzBatchJSON$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./server/
	$(GO) test -run '^$$' -fuzz '^FuzzNormalizeCode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./server/store/
	$(GO) test -run '^$$' -fuzz '^FuzzRosterImport$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./server/

clean:
	rm -rf bin dist
