package web

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// decodeTargets are every request body of the accounts area.
func decodeTargets() []func() any {
	return []func() any{
		func() any { return &loginRequest{} },
		func() any { return &linkRequest{} },
		func() any { return &signupRequest{} },
		func() any { return &resetRequest{} },
		func() any { return &profileRequest{} },
		func() any { return &passwordRequest{} },
		func() any { return &createAccountRequest{} },
		func() any { return &roleRequest{} },
		func() any { return &deleteAccountRequest{} },
		func() any { return &inviteRequest{} },
	}
}

// FuzzDecodeAccountsJSON: any body is either decoded into a value that
// survives a round trip, or refused with a 4xx APIError; never a panic.
func FuzzDecodeAccountsJSON(f *testing.F) {
	for _, seed := range []string{
		`{"email":"a@b.org","password":"x"}`, `{"token":"abc"}`, `{"days":7,"email":"","note":"n"}`,
		`{"heirId":3,"confirm":"a@b.org"}`, `{}`, `{}{}`, `{"a":1}`, `[`, "{\"email\":\"\xff\"}", `{"days":"7"}`,
		`{"days":1e400}`, `{"heirId":-1}`, ` {"role":"admin"} `, `null`, `{"email":null}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, mk := range decodeTargets() {
			dst := mk()
			err := decodeJSON(body, dst, smallJSON)
			if err != nil {
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.Status < 400 || apiErr.Status >= 500 || apiErr.Code == "" || apiErr.Message == "" {
					t.Fatalf("decode %q: %v is not a 4xx APIError", body, err)
				}
				continue
			}
			again := mk()
			enc, _ := json.Marshal(dst)
			if err := decodeJSON(enc, again, smallJSON); err != nil || !reflect.DeepEqual(dst, again) {
				t.Fatalf("round trip of %q: %v (%+v vs %+v)", body, err, dst, again)
			}
		}
	})
}
