package server

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"presente/static"
)

// wasmPath is the QR decoder's WebAssembly. The scanner asks for it with its
// sha256 in the query, so it may be cached for good.
const wasmPath = "/vendor/barcode-detector/zxing_reader.wasm"

// wasmHandler serves the decoder, gzipped once (1 MB becomes 450 KB on the
// hall's Wi-Fi) and cached by the phone for a year.
func (s *Server) wasmHandler() fiber.Handler {
	var once sync.Once
	var plain, packed []byte
	return func(c *fiber.Ctx) error {
		once.Do(func() {
			plain, _ = fs.ReadFile(static.Files(), strings.TrimPrefix(wasmPath, "/"))
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(plain)
			zw.Close()
			packed = buf.Bytes()
		})
		if len(plain) == 0 {
			return fiber.ErrNotFound
		}
		c.Set(fiber.HeaderContentType, "application/wasm")
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
		c.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
		if strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
			c.Set(fiber.HeaderContentEncoding, "gzip")
			return c.Send(packed)
		}
		return c.Send(plain)
	}
}
