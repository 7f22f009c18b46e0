package web

import (
	"github.com/gofiber/fiber/v2"
)

// QR code sizes for the PNG (pixels): the default fills a projector.
const (
	qrDefaultPNG = 1024
	qrMinPNG     = 128
	qrMaxPNG     = 2048
)

// classQRSVG is the class's full join link as an SVG QR code.
func (s *Server) classQRSVG(c *fiber.Ctx) error {
	cl, err := s.theClass(c)
	if err != nil {
		return err
	}
	svg, err := QRSVG(s.classJoinURL(c, cl.Code))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	return c.SendString(svg)
}

// classQRPNG is the class's full join link as a PNG QR code; ?size= (128
// to 2048 pixels) chooses how big, default 1024 for a projector.
func (s *Server) classQRPNG(c *fiber.Ctx) error {
	cl, err := s.theClass(c)
	if err != nil {
		return err
	}
	size, err := queryInt(c, "size", qrDefaultPNG, qrMinPNG, qrMaxPNG, "The size must be a number of pixels from 128 to 2048.")
	if err != nil {
		return err
	}
	png, err := QRPNG(s.classJoinURL(c, cl.Code), int(size))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/png")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="class-`+cl.Code+`-qr.png"`)
	return c.Send(png)
}
