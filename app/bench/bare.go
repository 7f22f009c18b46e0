package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// The bare reference server: fiber with nothing of ours, answering
// GET /healthz with the same JSON as the product, and GET /bytes/N with N
// bytes of JSON (at most maxBareBytes), so a cached read can also be put
// beside the bare stack sending a body of its size. bench starts it as a
// child (`animalgenius bench bare-server`), pinned like the product's
// server, and measures it in the same run: the ratio of the product's
// /healthz and cached reads to it is what our middleware and handlers
// cost over the bare stack.

// maxBareBytes bounds GET /bytes/N.
const maxBareBytes = 8 << 20

// ServeBare runs the bare reference server on a loopback port until ctx
// ends; it writes "ready addr=..." to log once it listens.
func ServeBare(ctx context.Context, log io.Writer) error {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	body := []byte(`{"status":"ok"}`)
	app.Get("/healthz", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "no-store")
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(body)
	})
	var blobs sync.Map // n -> the body of n bytes, made once
	app.Get("/bytes/:n", func(c *fiber.Ctx) error {
		n, err := strconv.Atoi(c.Params("n"))
		if err != nil || n < 2 || n > maxBareBytes {
			return c.Status(fiber.StatusBadRequest).SendString("n: 2 to 8 MiB")
		}
		b, ok := blobs.Load(n)
		if !ok {
			b, _ = blobs.LoadOrStore(n, bareBlob(n))
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		c.Response().SetBodyRaw(b.([]byte))
		return nil
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "level=INFO msg=ready addr=%s\n", ln.Addr())
	go func() {
		<-ctx.Done()
		app.ShutdownWithTimeout(5 * time.Second)
	}()
	return app.Listener(ln)
}

// bareBlob is a JSON string of n bytes.
func bareBlob(n int) []byte {
	b := bytes.Repeat([]byte("animal genius "), n/14+1)[:n]
	b[0], b[n-1] = '"', '"'
	return b
}
