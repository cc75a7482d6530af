package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// wrkScript posts one check-in per request: a fresh random version-4 UUID,
// as a phone makes, and the next badge code of the file given, each code
// once until they run out. Every request is built in init, before wrk's
// clock starts: built per request in Lua, they cost wrk a fifth of a core,
// taken from the server on a 2-core machine. It prints its figures as one
// JSON line.
const wrkScript = `
local reqs, n, next = {}, 0, 0
init = function(args)
  math.randomseed(tonumber(args[3]))
  wrk.headers["Content-Type"] = "application/json"
  if args[2] ~= "" then wrk.headers["Authorization"] = "Bearer " .. args[2] end
  local r = math.random
  for code in io.lines(args[1]) do
    n = n + 1
    local id = string.format("%08x-%04x-4%03x-%04x-%06x%06x", r(0, 0x7fffffff), r(0, 0xffff), r(0, 0xfff),
      0x8000 + r(0, 0x3fff), r(0, 0xffffff), r(0, 0xffffff))
    reqs[n] = wrk.format("POST", nil, nil, '{"id":"' .. id .. '","code":"' .. code .. '"}')
  end
end
request = function()
  next = next + 1
  return reqs[((next - 1) % n) + 1]
end
done = function(s, lat, req)
  local e = s.errors
  io.write(string.format('wrk-result {"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    s.requests, s.duration, e.connect + e.read + e.write + e.timeout + e.status,
    lat:percentile(50), lat:percentile(99), lat.max))
end
`

// wrkResult is what one wrk run reports.
type wrkResult struct {
	Requests   int64 `json:"requests"`
	DurationUS int64 `json:"duration_us"`
	Errors     int64 `json:"errors"` // failed connections, reads, writes, timeouts and non-2xx answers
	P50US      int64 `json:"p50_us"`
	P99US      int64 `json:"p99_us"`
	MaxUS      int64 `json:"max_us"`
}

// ok is how many requests were answered 2xx.
func (r wrkResult) ok() int64 { return r.Requests - r.Errors }

func (r wrkResult) seconds() float64 { return float64(r.DurationUS) / 1e6 }

func (r wrkResult) p50() time.Duration { return time.Duration(r.P50US) * time.Microsecond }

func (r wrkResult) p99() time.Duration { return time.Duration(r.P99US) * time.Microsecond }

// wrkLoad is one wrk run: one thread (the load generator shares the
// machine's two cores with the server), conns connections, for d.
type wrkLoad struct {
	url, token string
	codes      []string
	conns      int
	d          time.Duration
}

// runWrk runs wrk with wrkScript and returns its figures.
func runWrk(t *testing.T, load wrkLoad) wrkResult {
	t.Helper()
	if _, err := exec.LookPath("wrk"); err != nil {
		t.Fatalf("wrk is needed for the check-in figure (Debian package wrk, installed by .ci/deps): %v", err)
	}
	dir := t.TempDir()
	script, codes := filepath.Join(dir, "checkins.lua"), filepath.Join(dir, "codes.txt")
	if err := os.WriteFile(script, []byte(wrkScript), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(codes, []byte(strings.Join(load.codes, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("wrk", "-t1", fmt.Sprintf("-c%d", load.conns), fmt.Sprintf("-d%ds", int(load.d.Seconds())),
		"--timeout", "10s", "-s", script, load.url, "--", codes, load.token, fmt.Sprint(time.Now().UnixNano()%1e9))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("wrk: %v\n%s", err, out.String())
	}
	return parseWrk(t, out.Bytes())
}

func parseWrk(t *testing.T, out []byte) wrkResult {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "wrk-result "); ok {
			var r wrkResult
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("wrk result %q: %v", line, err)
			}
			return r
		}
	}
	t.Fatalf("wrk printed no result:\n%s", out)
	return wrkResult{}
}
