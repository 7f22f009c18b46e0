// Package devices is the device cookie of OWASP's "device cookies"
// pattern: after a successful login the browser gets an HttpOnly cookie
// naming a random device id and who signed in on it, signed with the box's
// key. A later login attempt that shows a valid cookie for the same person
// (a teacher's account) or any pupil (passports) is a known device: its
// failures count against that device and that person's devices only, so
// someone guessing elsewhere cannot lock it out, and a known device
// spending its own budget cannot lock out anyone else.
package devices

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
)

// Kinds of owner.
const (
	KindAccount = 'a'
	KindStudent = 's'
)

// Device is a checked device cookie. The zero Device is an unknown device.
type Device struct {
	ID    [16]byte
	Kind  byte  // KindAccount or KindStudent
	Owner int64 // the account or student that signed in on it
}

// Known tells whether the device showed a valid cookie.
func (d Device) Known() bool { return d.Kind != 0 }

// OwnerKey is the owner as one comparable value (kind and id), for budgets
// shared by every device of one person.
func (d Device) OwnerKey() int64 {
	if d.Kind == KindStudent {
		return -d.Owner
	}
	return d.Owner
}

// payload: 16 id bytes, 1 kind byte, 8 owner bytes; then a 16-byte MAC.
const (
	payloadLen = 16 + 1 + 8
	macLen     = 16
)

// Signer issues and checks device cookies with a key derived from the
// box's secret.
type Signer struct{ key []byte }

// NewSigner derives the cookie key from the box's secret key.
func NewSigner(secret []byte) *Signer {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("animalgenius device cookie v1"))
	return &Signer{key: m.Sum(nil)}
}

func (s *Signer) mac(payload []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write(payload)
	return m.Sum(nil)[:macLen]
}

// Issue makes a new device cookie value for an owner.
func (s *Signer) Issue(kind byte, owner int64) string {
	b := make([]byte, payloadLen, payloadLen+macLen)
	if _, err := rand.Read(b[:16]); err != nil {
		panic("devices: no randomness: " + err.Error())
	}
	b[16] = kind
	binary.BigEndian.PutUint64(b[17:], uint64(owner))
	b = append(b, s.mac(b)...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Parse checks a cookie value; the zero Device (unknown) when it is not
// one this box signed. The result holds no byte of v.
func (s *Signer) Parse(v string) Device {
	if s == nil || len(v) != base64.RawURLEncoding.EncodedLen(payloadLen+macLen) {
		return Device{}
	}
	var raw [payloadLen + macLen]byte
	n, err := base64.RawURLEncoding.Decode(raw[:], []byte(v))
	if err != nil || n != len(raw) {
		return Device{}
	}
	if !hmac.Equal(s.mac(raw[:payloadLen]), raw[payloadLen:]) {
		return Device{}
	}
	kind := raw[16]
	owner := int64(binary.BigEndian.Uint64(raw[17:payloadLen]))
	if (kind != KindAccount && kind != KindStudent) || owner <= 0 {
		return Device{}
	}
	var d Device
	copy(d.ID[:], raw[:16])
	d.Kind, d.Owner = kind, owner
	return d
}
