package server

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"presente/static"
)

// scannerBudget is what the scanner page may weigh, gzipped, without the
// QR decoder's WebAssembly: a cheap phone on a hall's Wi-Fi loads it in a blink.
const scannerBudget = 100 * 1024

var (
	htmlRef = regexp.MustCompile(`(?:src|href)="(/[^"#?]+\.(?:js|css))"`)
	jsRef   = regexp.MustCompile(`(?:from\s*|import\s*\(?\s*)['"]([^'"]+\.js)['"]`)
)

// scannerFiles follows the scanner page's links and imports, static and
// dynamic, from door/index.html: every file the phone loads but the wasm.
func scannerFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	files := static.Files()
	seen := map[string][]byte{}
	queue := []string{"door/index.html"}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if _, ok := seen[name]; ok {
			continue
		}
		b, err := fs.ReadFile(files, name)
		if err != nil {
			tb.Fatalf("the scanner loads %s, which is missing: %v", name, err)
		}
		seen[name] = b
		re := jsRef
		if strings.HasSuffix(name, ".html") {
			re = htmlRef
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			ref := string(m[1])
			if !strings.HasPrefix(ref, "/") {
				ref = path.Join("/", path.Dir(name), ref)
			}
			queue = append(queue, strings.TrimPrefix(ref, "/"))
		}
	}
	return seen
}

// TestScannerSizeBudget measures the scanner's HTML, CSS and JavaScript,
// each gzipped as a server would send it, against the budget.
func TestScannerSizeBudget(t *testing.T) {
	files := scannerFiles(t)
	total, raw := 0, 0
	for _, want := range []string{"door/main.js", "door/door.css", "shared/i18n.js", "vendor/idb/idb.js",
		"vendor/barcode-detector/ponyfill.js", "vendor/barcode-detector/zxing-exported.js"} {
		if _, ok := files[want]; !ok {
			t.Errorf("the walk from door/index.html missed %s", want)
		}
	}
	for name, b := range files {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		total += buf.Len()
		raw += len(b)
		t.Logf("%-45s %7d bytes, %6d gzipped", name, len(b), buf.Len())
	}
	t.Logf("scanner without the wasm: %d files, %d bytes, %d gzipped (budget %d)", len(files), raw, total, scannerBudget)
	if total > scannerBudget {
		t.Errorf("the scanner weighs %d bytes gzipped, over the budget of %d", total, scannerBudget)
	}
}
