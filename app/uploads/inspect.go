// Package uploads checks and processes images that admins upload for store
// items. Nothing an outsider sends is trusted: the type is sniffed from the
// bytes, the pixel size is read from the header before anything is decoded
// (so a tiny file claiming a huge picture is refused), and the picture is
// decoded and encoded again so metadata and anything hidden after the image
// data is dropped. SVG is refused: we do not sanitise it.
package uploads

import (
	"bytes"
	"errors"
	"image"
	_ "image/gif"  // registers GIF for image.DecodeConfig
	_ "image/jpeg" // registers JPEG
	_ "image/png"  // registers PNG

	"github.com/gabriel-vasile/mimetype"
	_ "golang.org/x/image/webp" // registers WebP
)

// Limits bound what an upload may be.
type Limits struct {
	MaxBytes     int // size of the file
	MaxPixels    int // width * height
	MaxDimension int // width and height each
}

// Error is a refusal with a code for the API and a sentence for people.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return "uploads: " + e.Code + ": " + e.Message }

// The refusals. Compare with errors.Is.
var (
	ErrEmpty        = &Error{"empty_file", "The file is empty. Choose a picture file and try again."}
	ErrTooLarge     = &Error{"file_too_large", "That file is too big. Choose a smaller picture and try again."}
	ErrSVG          = &Error{"svg_not_allowed", "SVG pictures are not accepted. Save the picture as PNG or JPEG and try again."}
	ErrNotImage     = &Error{"not_an_image", "That file is not a picture we can use. Upload a PNG, JPEG, GIF or WebP picture."}
	ErrUnreadable   = &Error{"broken_image", "That picture looks broken or cut off. Save it again and upload it once more."}
	ErrTooManyPx    = &Error{"image_too_big", "That picture has too many pixels. Make it smaller and try again."}
	ErrTypeMismatch = &Error{"type_mismatch", "The file's name or type does not match what is inside it. Save it again as PNG or JPEG."}
)

// Info is what Inspect learns without decoding the pixels.
type Info struct {
	Format string // png, jpeg, gif, webp
	MIME   string
	Width  int
	Height int
}

// allowed maps sniffed MIME types to the image package's format names.
var allowed = map[string]string{
	"image/png":  "png",
	"image/jpeg": "jpeg",
	"image/gif":  "gif",
	"image/webp": "webp",
}

// Inspect is the validator: it checks size and type from the bytes and
// reads the pixel size from the header only. It never decodes pixels, so it
// is cheap enough to run while the upload request waits.
func Inspect(data []byte, lim Limits) (Info, error) {
	if len(data) == 0 {
		return Info{}, ErrEmpty
	}
	if lim.MaxBytes > 0 && len(data) > lim.MaxBytes {
		return Info{}, ErrTooLarge
	}
	mt := mimetype.Detect(data)
	for m := mt; m != nil; m = m.Parent() {
		if m.Is("image/svg+xml") {
			return Info{}, ErrSVG
		}
	}
	// A text file that starts with "<svg" or an XML prolog is SVG too.
	if looksLikeSVG(data) {
		return Info{}, ErrSVG
	}
	format, ok := allowed[mt.String()]
	if !ok {
		return Info{}, ErrNotImage
	}
	cfg, decoded, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Info{}, ErrUnreadable
	}
	if decoded != format {
		// The magic bytes said one thing, the decoder found another.
		return Info{}, ErrTypeMismatch
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, ErrUnreadable
	}
	if (lim.MaxDimension > 0 && (cfg.Width > lim.MaxDimension || cfg.Height > lim.MaxDimension)) ||
		(lim.MaxPixels > 0 && int64(cfg.Width)*int64(cfg.Height) > int64(lim.MaxPixels)) {
		return Info{}, ErrTooManyPx
	}
	return Info{Format: format, MIME: mt.String(), Width: cfg.Width, Height: cfg.Height}, nil
}

func looksLikeSVG(data []byte) bool {
	head := data[:min(len(data), 1024)]
	head = bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\ufeff"))
	return bytes.Contains(head, []byte("<svg"))
}

// CheckClaimedType refuses a file whose declared Content-Type or file name
// extension names a different image type than its bytes (PNG bytes sent as
// photo.jpg with image/jpeg). Empty or generic claims are accepted.
func CheckClaimedType(info Info, contentType, fileName string) error {
	if claimed := formatFromMIME(contentType); claimed != "" && claimed != info.Format {
		return ErrTypeMismatch
	}
	if claimed := formatFromName(fileName); claimed != "" && claimed != info.Format {
		return ErrTypeMismatch
	}
	return nil
}

func formatFromMIME(ct string) string {
	switch ct {
	case "image/png":
		return "png"
	case "image/jpeg", "image/jpg", "image/pjpeg":
		return "jpeg"
	case "image/gif":
		return "gif"
	case "image/webp":
		return "webp"
	case "", "application/octet-stream":
		return ""
	}
	return "other"
}

func formatFromName(name string) string {
	dot := bytes.LastIndexByte([]byte(name), '.')
	if dot < 0 {
		return ""
	}
	switch string(bytes.ToLower([]byte(name[dot+1:]))) {
	case "png":
		return "png"
	case "jpg", "jpeg", "jpe", "jfif":
		return "jpeg"
	case "gif":
		return "gif"
	case "webp":
		return "webp"
	}
	return "other"
}

// AsError returns the refusal inside err, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}
