package web

import (
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// QR codes of links (a class's join link; reusable for any link shown on
// a projector). Medium error correction survives a smudged screen and
// keeps the modules big for a room-sized scan. Both forms include the
// quiet zone scanners need.

// qrMaxText bounds what is encoded (a join link is far shorter).
const qrMaxText = 512

// QRSVG draws text as a scalable SVG QR code: one path of dark
// module runs on a white square, crisp at any size.
func QRSVG(text string) (string, error) {
	if len(text) > qrMaxText {
		return "", fmt.Errorf("web: text too long for a QR code (%d bytes)", len(text))
	}
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", fmt.Errorf("web: unable to make a QR code: %w", err)
	}
	bits := q.Bitmap()
	n := len(bits)
	var b strings.Builder
	b.Grow(n * n)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" shape-rendering="crispEdges" role="img">`, n, n, n*8, n*8)
	b.WriteString(`<title>QR code</title>`)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			run := 1
			for x+run < len(row) && row[x+run] {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x, y, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

// QRPNG draws text as a black-on-white PNG about size pixels wide,
// with every module the same whole number of pixels (no blurry scaling).
func QRPNG(text string, size int) ([]byte, error) {
	if len(text) > qrMaxText {
		return nil, fmt.Errorf("web: text too long for a QR code (%d bytes)", len(text))
	}
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("web: unable to make a QR code: %w", err)
	}
	modules := len(q.Bitmap())
	scale := max(1, size/modules)
	return q.PNG(-scale)
}
