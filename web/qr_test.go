package web

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// The SVG draws exactly the library's modules: every dark module is
// covered by one run, and nothing else.
func TestQRSVGDrawsTheBitmap(t *testing.T) {
	const link = "http://192.168.1.20:8080/join/ABC234"
	svg, err := QRSVG(link)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := qrcode.New(link, qrcode.Medium)
	bits := q.Bitmap()
	n := len(bits)
	got := make([][]bool, n)
	for i := range got {
		got[i] = make([]bool, n)
	}
	d := svg[strings.Index(svg, ` d="`)+4:]
	d = d[:strings.IndexByte(d, '"')]
	for _, cmd := range strings.Split(d, "z")[:strings.Count(d, "z")] {
		var x, y, w, w2 int
		if _, err := fmtSscanf(cmd, &x, &y, &w, &w2); err != nil || w != w2 {
			t.Fatalf("bad path command %q: %v", cmd, err)
		}
		for i := 0; i < w; i++ {
			got[y][x+i] = true
		}
	}
	for y := range bits {
		for x := range bits[y] {
			if bits[y][x] != got[y][x] {
				t.Fatalf("module %d,%d: drawn %v, want %v", x, y, got[y][x], bits[y][x])
			}
		}
	}
	if !strings.HasPrefix(svg, "<svg ") || !strings.Contains(svg, `viewBox="0 0 `) {
		t.Errorf("not an SVG: %.80s", svg)
	}
}

func TestQRPNGIsBigAndCrisp(t *testing.T) {
	for _, size := range []int{128, 1024, 2048} {
		b, err := QRPNG("http://school.example/join/ABC234", size)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		w := img.Bounds().Dx()
		q, _ := qrcode.New("http://school.example/join/ABC234", qrcode.Medium)
		modules := len(q.Bitmap())
		if w%modules != 0 || w > size || w < size-modules {
			t.Errorf("size %d: image %d px for %d modules (want a whole number of pixels per module, close to the size)", size, w, modules)
		}
	}
	if _, err := QRPNG(strings.Repeat("x", qrMaxText+1), 256); err == nil {
		t.Error("an overlong text was encoded")
	}
}

// fmtSscanf reads one path command "M<x> <y>h<w>v1h-<w>".
func fmtSscanf(cmd string, x, y, w, w2 *int) (int, error) {
	return fmt.Sscanf(cmd, "M%d %dh%dv1h-%d", x, y, w, w2)
}
