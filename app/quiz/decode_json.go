package quiz

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The lexing half of the submission parser: strings, escapes, whitespace.

// str reads a JSON string starting at the opening quote. Unescaped strings
// are substrings of the body; escapes are decoded as encoding/json does,
// including U+FFFD for unpaired surrogates.
func (p *parser) str() (string, error) {
	start := p.pos + 1
	for i := start; i < len(p.s); i++ {
		switch c := p.s[i]; {
		case c == '"':
			p.pos = i + 1
			return p.s[start:i], nil
		case c == '\\':
			return p.escapedStr(start, i)
		case c < 0x20:
			p.pos = i
			return "", p.malformed()
		}
	}
	return "", errTooShort
}

func (p *parser) escapedStr(start, i int) (string, error) {
	var b strings.Builder
	b.WriteString(p.s[start:i])
	for i < len(p.s) {
		c := p.s[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return b.String(), nil
		case c < 0x20:
			p.pos = i
			return "", p.malformed()
		case c != '\\':
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(p.s) {
			return "", errTooShort
		}
		switch e := p.s[i+1]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(p.s, i+2)
			if !ok {
				p.pos = i
				return "", p.malformed()
			}
			i += 6
			if utf16.IsSurrogate(r) {
				r2, ok := hex4(p.s, i+2)
				if i+1 < len(p.s) && p.s[i] == '\\' && p.s[i+1] == 'u' && ok {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			b.WriteRune(r)
			continue
		default:
			p.pos = i
			return "", p.malformed()
		}
		i += 2
	}
	return "", errTooShort
}

// hex4 reads four hex digits at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func (p *parser) skipSpace() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// startsValue reports whether c can start a JSON value, to tell "wrong
// type" from "not JSON at all".
func startsValue(c byte) bool {
	return strings.IndexByte(`{["-0123456789tfn`, c) >= 0
}

func (p *parser) punct(c byte) error {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return errTooShort
	}
	if p.s[p.pos] != c {
		return p.malformed()
	}
	p.pos++
	return nil
}
