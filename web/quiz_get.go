package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/quiz"
)

// quizGet serves the question bank as students see it (no scoring keys).
// The bank never changes while the server runs, so it is encoded once and
// browsers revalidate with its ETag.
func quizGet(bank *quiz.Bank) fiber.Handler {
	body, err := json.Marshal(bank.Public())
	if err != nil {
		panic("web: unable to encode the question bank: " + err.Error())
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderETag, etag)
		c.Set(fiber.HeaderCacheControl, "no-cache")
		if strings.Contains(c.Get(fiber.HeaderIfNoneMatch), etag) {
			return c.SendStatus(fiber.StatusNotModified)
		}
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
		return c.Send(body)
	}
}
