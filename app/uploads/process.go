package uploads

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/disintegration/imaging"
)

// ThumbSize is the longest side of a thumbnail, in pixels.
const ThumbSize = 256

// Processed is a cleaned picture and its thumbnail, ready to store.
type Processed struct {
	Ext    string // "png" or "jpg"
	Image  []byte
	Thumb  []byte
	Width  int
	Height int
}

// Process inspects data, decodes it (turning phone photos upright from
// their EXIF orientation), and encodes the pixels again: PNG for drawings
// (PNG, GIF, WebP) and JPEG for photos. Only pixels are copied, so EXIF,
// text chunks, colour profiles and bytes hidden after the image are gone.
func Process(data []byte, lim Limits) (*Processed, error) {
	info, err := Inspect(data, lim)
	if err != nil {
		return nil, err
	}
	img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(info.Format == "jpeg"))
	if err != nil {
		return nil, ErrUnreadable
	}
	b := img.Bounds()
	same := b.Dx() == info.Width && b.Dy() == info.Height
	turned := b.Dx() == info.Height && b.Dy() == info.Width
	if !same && !turned {
		// The decoder produced something other than the header promised.
		return nil, ErrUnreadable
	}
	thumb := img
	if b.Dx() > ThumbSize || b.Dy() > ThumbSize {
		thumb = imaging.Fit(img, ThumbSize, ThumbSize, imaging.Lanczos)
	}
	out := &Processed{Width: b.Dx(), Height: b.Dy()}
	if info.Format == "jpeg" {
		out.Ext = "jpg"
		if out.Image, err = encodeJPEG(img); err == nil {
			out.Thumb, err = encodeJPEG(thumb)
		}
	} else {
		out.Ext = "png"
		if out.Image, err = encodePNG(img); err == nil {
			out.Thumb, err = encodePNG(thumb)
		}
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func encodeJPEG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 88}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
