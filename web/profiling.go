package web

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/pprof"

	"animalgenius/web/clientaddr"
)

// loopbackProfiling serves Go's profiles under /debug/pprof/ to callers on
// this machine only: unlike /metrics, no token opens it to others, and a
// request forwarded by a proxy (which would look local) is refused.
func loopbackProfiling() fiber.Handler {
	profiles := pprof.New()
	return func(c *fiber.Ctx) error {
		if !strings.HasPrefix(c.Path(), "/debug/pprof") {
			return c.Next()
		}
		if !clientaddr.Local(c) {
			return Err(http.StatusForbidden, "forbidden", "Profiles are served to this machine only.")
		}
		return profiles(c)
	}
}
