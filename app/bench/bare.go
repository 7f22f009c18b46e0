package bench

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/gofiber/fiber/v2"
)

// The bare reference server: fiber with nothing of ours, answering
// GET /healthz with the same JSON as the product. bench starts it as a
// child (`animalgenius bench bare-server`), pinned like the product's
// server, and measures it in the same run: the ratio of the product's
// /healthz and cached reads to it is what our middleware and handlers
// cost over the bare stack.

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
