package uploads

import (
	"bytes"
	"errors"
	"image/color"
	"testing"
)

var testLimits = Limits{MaxBytes: 10 << 20, MaxPixels: 40_000_000, MaxDimension: 8000}

func TestInspect(t *testing.T) {
	pngBytes := makePNG(t, 40, 30)
	tests := []struct {
		name   string
		data   []byte
		lim    Limits
		want   error
		format string
	}{
		{"png", pngBytes, testLimits, nil, "png"},
		{"jpeg", makeJPEG(t, 20, 10), testLimits, nil, "jpeg"},
		{"gif", makeGIF(t, 12, 12), testLimits, nil, "gif"},
		{"webp", makeWebP(9, 7, color.NRGBA{10, 200, 30, 255}), testLimits, nil, "webp"},
		{"empty", nil, testLimits, ErrEmpty, ""},
		{"text is not an image", []byte("hello, this is a plain text file\n"), testLimits, ErrNotImage, ""},
		{"pdf is not an image", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), testLimits, ErrNotImage, ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>`), testLimits, ErrSVG, ""},
		{"svg with xml prolog", []byte("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"), testLimits, ErrSVG, ""},
		{"png header cut off", pngBytes[:20], testLimits, ErrUnreadable, ""},
		{"decompression bomb", pngBomb(100000, 100000), testLimits, ErrTooManyPx, ""},
		{"too many pixels under the side limit", makePNG(t, 100, 100), Limits{MaxBytes: 1 << 20, MaxPixels: 5000, MaxDimension: 8000}, ErrTooManyPx, ""},
		{"one side too long", makePNG(t, 200, 2), Limits{MaxBytes: 1 << 20, MaxPixels: 1 << 20, MaxDimension: 100}, ErrTooManyPx, ""},
		{"oversize file", pngBytes, Limits{MaxBytes: len(pngBytes) - 1, MaxPixels: 1 << 20, MaxDimension: 8000}, ErrTooLarge, ""},
		{"zero-width png", pngBomb(0, 10), testLimits, ErrUnreadable, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(tt.data, tt.lim)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Inspect error = %v, want %v", err, tt.want)
			}
			if err == nil && info.Format != tt.format {
				t.Fatalf("format = %q, want %q", info.Format, tt.format)
			}
		})
	}
}

func TestInspectReportsSize(t *testing.T) {
	info, err := Inspect(makePNG(t, 40, 30), testLimits)
	if err != nil {
		t.Fatal(err)
	}
	if info.Width != 40 || info.Height != 30 || info.MIME != "image/png" {
		t.Fatalf("info = %+v", info)
	}
}

func TestCheckClaimedType(t *testing.T) {
	png := Info{Format: "png"}
	tests := []struct {
		name, ct, file string
		want           error
	}{
		{"matching", "image/png", "hat.png", nil},
		{"no claim", "", "", nil},
		{"octet-stream and no extension", "application/octet-stream", "blob", nil},
		{"upper-case extension", "image/png", "HAT.PNG", nil},
		{"png bytes claiming jpeg", "image/jpeg", "photo.jpg", ErrTypeMismatch},
		{"png bytes named jpg", "", "photo.jpg", ErrTypeMismatch},
		{"png bytes sent as jpeg", "image/jpeg", "", ErrTypeMismatch},
		{"png bytes named svg", "image/png", "logo.svg", ErrTypeMismatch},
		{"png bytes sent as html", "text/html", "x.png", ErrTypeMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckClaimedType(png, tt.ct, tt.file); !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// FuzzInspect: the validator must never panic, and whatever it accepts must
// respect the limits and decode (or be refused cleanly) in Process.
func FuzzInspect(f *testing.F) {
	f.Add(makePNG(f, 8, 8))
	f.Add(makeJPEG(f, 8, 8))
	f.Add(makeGIF(f, 8, 8))
	f.Add(makeWebP(8, 8, color.NRGBA{1, 2, 3, 255}))
	f.Add(pngBomb(100000, 100000))
	f.Add([]byte("<svg></svg>"))
	f.Add([]byte{})
	lim := Limits{MaxBytes: 1 << 16, MaxPixels: 1 << 16, MaxDimension: 512}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(data, lim)
		if err != nil {
			if _, ok := AsError(err); !ok {
				t.Fatalf("refusal is not an *Error: %v", err)
			}
			return
		}
		if info.Width > lim.MaxDimension || info.Height > lim.MaxDimension || info.Width*info.Height > lim.MaxPixels {
			t.Fatalf("accepted %dx%d beyond the limits", info.Width, info.Height)
		}
		if bytes.Contains(bytes.ToLower(data[:min(len(data), 1024)]), []byte("<svg")) {
			t.Fatalf("accepted something that looks like SVG")
		}
		out, err := Process(data, lim)
		if err != nil {
			if _, ok := AsError(err); !ok {
				t.Fatalf("Process failure is not an *Error: %v", err)
			}
			return
		}
		if out.Width*out.Height > lim.MaxPixels {
			t.Fatalf("processed %dx%d beyond the limits", out.Width, out.Height)
		}
	})
}
