// Package jsonbody holds a cached answer's JSON, encoded once, and its
// gzip form, made the first time a client that takes gzip asks for it.
// A class of 500's roster is 100-120 KB of JSON and 11-12 KB gzipped: a
// pupil's phone or a teacher's laptop on the school's wifi gets it ten
// times faster, and the box writes a tenth of the bytes to its sockets.
//
// A kept answer is sent many times and compressed once, on its first ask
// by a client that takes gzip. An answer made for one request (a filtered
// roster) is compressed for that request only when its client takes gzip;
// that costs about what encoding it did.
//
// Secrets and compression (BREACH): a roster carries passport codes next
// to names pupils typed, so in principle someone who watches the sizes of
// a teacher's encrypted answers and keeps adding pupils with chosen names
// could learn which runs of letters the codes hold. It would take the
// class code, a view of the teacher's traffic, and hundreds of crafted
// joins, each shown on the teacher's live board; names hold no digits;
// and the answers echo nothing from the request (no search text, no query
// value), the cheap way in elsewhere. An answer that echoes request text
// next to a secret must not use this package.
package jsonbody

import (
	"bytes"
	"sync"

	"github.com/klauspost/compress/gzip"
)

// MinGzip is the smallest body worth compressing: a smaller one, with its
// headers, fits one TCP segment either way.
const MinGzip = 1400

// level is gzip's level 5: for a roster of 500, 10.9 KB against level 9's
// 9.6 KB, in 0.7 ms against 5.2 ms (and 12.2 KB at level 1).
const level = 5

// Body is an encoded JSON answer. Its bytes never change once made.
type Body struct {
	json []byte
	once sync.Once
	gz   []byte
}

// New wraps b, which must not change afterwards.
func New(b []byte) *Body { return &Body{json: b} }

// JSON is the answer as encoded.
func (b *Body) JSON() []byte { return b.json }

// Compressible tells whether the answer is worth compressing (MinGzip
// bytes or more): whether its encoding depends on the client's.
func (b *Body) Compressible() bool { return len(b.json) >= MinGzip }

// Gzip is the answer gzip-compressed, made on the first call; nil when
// the answer is not Compressible or does not get smaller.
func (b *Body) Gzip() []byte {
	if !b.Compressible() {
		return nil
	}
	b.once.Do(func() {
		gz := compress(b.json)
		if len(gz) < len(b.json) {
			b.gz = gz
		}
	})
	return b.gz
}

// writers keeps gzip writers between answers: making one allocates its
// tables (hundreds of KB), more than compressing a roster.
var writers = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, level) // level is valid: no error
	return w
}}

func compress(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b)/6 + 64)
	w := writers.Get().(*gzip.Writer)
	w.Reset(&out)
	// Writes to a bytes.Buffer do not fail.
	_, _ = w.Write(b)
	_ = w.Close()
	w.Reset(nil)
	writers.Put(w)
	return out.Bytes()
}
