package uploads

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	_ "golang.org/x/image/webp"
)

func TestProcessRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		ext     string
		w, h    int
		secrets []string
	}{
		{"png keeps size, loses text chunk", withPNGText(makePNG(t, 300, 120), "SECRET-PNG-TEXT"), "png", 300, 120, []string{"SECRET-PNG-TEXT", "tEXt"}},
		{"jpeg loses exif", withJPEGExif(makeJPEG(t, 64, 48), "SECRET-EXIF-GPS"), "jpg", 64, 48, []string{"SECRET-EXIF-GPS", "Exif"}},
		{"webp becomes png", makeWebP(33, 17, color.NRGBA{10, 200, 30, 255}), "png", 33, 17, []string{"VP8L", "RIFF"}},
		{"gif becomes png", makeGIF(t, 20, 20), "png", 20, 20, []string{"GIF8"}},
		{"bytes after the png end are dropped", append(makePNG(t, 10, 10), []byte("HIDDEN-TRAILER-PAYLOAD")...), "png", 10, 10, []string{"HIDDEN-TRAILER-PAYLOAD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range tt.secrets {
				if !bytes.Contains(tt.data, []byte(s)) {
					t.Fatalf("test input lacks %q; the test would prove nothing", s)
				}
			}
			out, err := Process(tt.data, testLimits)
			if err != nil {
				t.Fatal(err)
			}
			if out.Ext != tt.ext || out.Width != tt.w || out.Height != tt.h {
				t.Fatalf("got %s %dx%d, want %s %dx%d", out.Ext, out.Width, out.Height, tt.ext, tt.w, tt.h)
			}
			for _, s := range tt.secrets {
				if bytes.Contains(out.Image, []byte(s)) || bytes.Contains(out.Thumb, []byte(s)) {
					t.Fatalf("output still contains %q", s)
				}
			}
			img, format, err := image.Decode(bytes.NewReader(out.Image))
			if err != nil {
				t.Fatalf("output does not decode: %v", err)
			}
			if want := map[string]string{"png": "png", "jpg": "jpeg"}[tt.ext]; format != want {
				t.Fatalf("output format %s, want %s", format, want)
			}
			if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
				t.Fatalf("decoded output is %v", b)
			}
			th, _, err := image.DecodeConfig(bytes.NewReader(out.Thumb))
			if err != nil {
				t.Fatalf("thumbnail does not decode: %v", err)
			}
			if th.Width > ThumbSize || th.Height > ThumbSize {
				t.Fatalf("thumbnail is %dx%d", th.Width, th.Height)
			}
		})
	}
}

func TestProcessKeepsPixels(t *testing.T) {
	out, err := Process(makeWebP(4, 4, color.NRGBA{10, 200, 30, 255}), testLimits)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out.Image))
	if err != nil {
		t.Fatal(err)
	}
	r, g, b, a := img.At(2, 2).RGBA()
	if r>>8 != 10 || g>>8 != 200 || b>>8 != 30 || a>>8 != 255 {
		t.Fatalf("pixel = %d,%d,%d,%d", r>>8, g>>8, b>>8, a>>8)
	}
}

func TestProcessThumbnailFits(t *testing.T) {
	out, err := Process(makeJPEG(t, 1000, 500), testLimits)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(out.Thumb))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != ThumbSize || cfg.Height != ThumbSize/2 {
		t.Fatalf("thumbnail %dx%d, want %dx%d", cfg.Width, cfg.Height, ThumbSize, ThumbSize/2)
	}
}

func TestProcessRefuses(t *testing.T) {
	full := makePNG(t, 200, 200)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated png", full[:len(full)/2], ErrUnreadable},
		{"truncated jpeg", makeJPEG(t, 200, 200)[:300], ErrUnreadable},
		{"bomb", pngBomb(100000, 100000), ErrTooManyPx},
		{"not an image", []byte("just words"), ErrNotImage},
		{"svg", []byte("<svg/>"), ErrSVG},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Process(tt.data, testLimits); !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func BenchmarkProcessJPEG(b *testing.B) {
	data := makeJPEG(b, 1200, 900)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Process(data, testLimits); err != nil {
			b.Fatal(err)
		}
	}
}
