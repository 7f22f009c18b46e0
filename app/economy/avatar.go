package economy

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html"
	"regexp"
	"strings"
)

// Palette is the set of colours a student may give its animal. Each is
// light or strong enough to read against the dark outlines of the art.
var Palette = []string{
	"#4B4959", "#82BCC8", "#BAC97D", "#829B79", "#BD85C8", "#FACC7D", "#FF8070", "#DEA77E",
	"#8B5CF6", "#10B981", "#F59E0B", "#E63946", "#48CAE4", "#F15BB5", "#F4F2DA", "#FFF8EF",
	"#D9CAAF", "#2E2A33",
}

// ValidColour reports whether c is empty (the animal's own colour) or in the palette.
func ValidColour(c string) bool {
	if c == "" {
		return true
	}
	for _, p := range Palette {
		if strings.EqualFold(p, c) {
			return true
		}
	}
	return false
}

// Art is one picture to layer: our own SVG, or a processed upload (PNG or
// JPEG bytes) that is drawn over the whole 200x200 frame.
type Art struct {
	SVG   []byte
	Image []byte
	MIME  string // image/png or image/jpeg for Image
}

// AvatarParts is what an avatar is made of.
type AvatarParts struct {
	Label     string // e.g. "Maya's owl"
	Animal    []byte // the animal's SVG from embed/art/animals
	Primary   string // palette colour or "" for the animal's own
	Secondary string
	Items     map[Slot]Art
}

var (
	svgOpen     = regexp.MustCompile(`(?s)^\s*(<\?xml[^>]*>\s*)?<svg\b[^>]*>`)
	svgTitle    = regexp.MustCompile(`(?s)<title>.*?</title>`)
	svgStyle    = regexp.MustCompile(`(?s)<style>.*?</style>`)
	defaultFill = regexp.MustCompile(`\.ag-(primary|secondary)\{fill:var\(--ag-(?:primary|secondary),(#[0-9A-Fa-f]{3,8})\)\}`)
)

// ErrBadArt is returned for a picture that is not one of our SVG files.
var ErrBadArt = errors.New("economy: art is not a plain svg of ours")

// svgInner returns the drawing inside an SVG file of ours, without its
// title and style, so several can be stacked in one picture.
func svgInner(b []byte) ([]byte, error) {
	loc := svgOpen.FindIndex(b)
	end := bytes.LastIndex(b, []byte("</svg>"))
	if loc == nil || end < loc[1] {
		return nil, ErrBadArt
	}
	inner := b[loc[1]:end]
	inner = svgTitle.ReplaceAll(inner, nil)
	inner = svgStyle.ReplaceAll(inner, nil)
	return bytes.TrimSpace(inner), nil
}

// RenderAvatar stacks background, recoloured animal, neck, glasses and hat
// into one self-contained SVG. The recolouring is done with fill
// attributes (not CSS), so the result shows the same in an <img>, a print
// and any page, whatever its Content-Security-Policy.
func RenderAvatar(p AvatarParts) ([]byte, error) {
	animal, err := svgInner(p.Animal)
	if err != nil {
		return nil, err
	}
	colours := map[string]string{"primary": "#999999", "secondary": "#eeeeee"}
	for _, m := range defaultFill.FindAllSubmatch(p.Animal, -1) {
		colours[string(m[1])] = string(m[2])
	}
	if p.Primary != "" {
		colours["primary"] = p.Primary
	}
	if p.Secondary != "" {
		colours["secondary"] = p.Secondary
	}
	animal = bytes.ReplaceAll(animal, []byte(`class="ag-primary"`), []byte(`fill="`+html.EscapeString(colours["primary"])+`"`))
	animal = bytes.ReplaceAll(animal, []byte(`class="ag-secondary"`), []byte(`fill="`+html.EscapeString(colours["secondary"])+`"`))

	var out bytes.Buffer
	out.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" role="img" aria-label="`)
	out.WriteString(html.EscapeString(p.Label))
	out.WriteString("\">\n<title>")
	out.WriteString(html.EscapeString(p.Label))
	out.WriteString("</title>\n")
	layer := func(slot Slot) error {
		art, ok := p.Items[slot]
		if !ok {
			return nil
		}
		out.WriteString(`<g class="ag-` + string(slot) + `">`)
		switch {
		case art.SVG != nil:
			inner, err := svgInner(art.SVG)
			if err != nil {
				return err
			}
			out.Write(inner)
		case art.Image != nil && (art.MIME == "image/png" || art.MIME == "image/jpeg"):
			out.WriteString(`<image x="0" y="0" width="200" height="200" preserveAspectRatio="xMidYMid meet" href="data:`)
			out.WriteString(art.MIME)
			out.WriteString(";base64,")
			out.WriteString(base64.StdEncoding.EncodeToString(art.Image))
			out.WriteString(`"/>`)
		default:
			return ErrBadArt
		}
		out.WriteString("</g>\n")
		return nil
	}
	if err := layer(SlotBackground); err != nil {
		return nil, err
	}
	out.WriteString(`<g class="ag-animal">`)
	out.Write(animal)
	out.WriteString("</g>\n")
	for _, s := range []Slot{SlotNeck, SlotGlasses, SlotHat} {
		if err := layer(s); err != nil {
			return nil, err
		}
	}
	out.WriteString("</svg>\n")
	return out.Bytes(), nil
}
