# Presente: `make run` starts a demo, `make test` runs every test.
GO       ?= go
BIN      := bin/presente
DATA     ?= data
HTTP     ?= 127.0.0.1:8080
PKGS     := ./...
RACEPKGS := ./server/... ./badges/...

.PHONY: all build run run-network test unit race e2e bench fuzz vet fmt-check deps clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/presente

## run: build, then serve a demo network from ./data (seeded on first run)
run: build
	./$(BIN) demo --data $(DATA) --http $(HTTP)

## run-network: a hub (the demo) and two venues that joined it, on loopback
run-network: build
	BIN=$(BIN) NET=$(DATA)-network bash scripts/run-network.sh

## test: formatting, vet, the race detector on the server, every other test
test: deps fmt-check vet race unit
	$(MAKE) fuzz FUZZTIME=3s

deps:
	@bash .ci/deps

fmt-check:
	@out="$$(gofmt -l cmd server static badges)"; \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

race:
	$(GO) test -race -count=1 -timeout 20m $(RACEPKGS)

unit:
	$(GO) test -count=1 -timeout 20m ./cmd/...

## e2e: only the browser tests
e2e: deps
	$(GO) test -count=1 -timeout 20m -run 'Browser' ./server/...

## bench: every figure with its baseline measured in the same run, as a table and ./bench.json
bench: deps
	PRESENTE_BENCH=1 PRESENTE_BENCH_JSON=$(CURDIR)/bench.json $(GO) test -count=1 -timeout 10m -v -run '^TestBenchReport$$' ./server/

FUZZTIME ?= 20s
## fuzz: each fuzz target for FUZZTIME; make test runs them briefly
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzCheckInJSON$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./server/
	$(GO) test -run '^$$' -fuzz '^FuzzBatchJSON$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./server/
	$(GO) test -run '^$$' -fuzz '^FuzzNormalizeCode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./server/store/
	$(GO) test -run '^$$' -fuzz '^FuzzRosterImport$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./server/

clean:
	rm -rf bin
