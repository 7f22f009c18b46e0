package accounts

import (
	"errors"
	"testing"
)

func TestKeepsAnAdmin(t *testing.T) {
	cases := []struct {
		name   string
		acct   Account
		others int
		want   error
	}{
		{"last enabled admin", Account{Role: RoleAdmin}, 0, ErrLastAdmin},
		{"another admin remains", Account{Role: RoleAdmin}, 1, nil},
		{"a teacher", Account{Role: RoleTeacher}, 0, nil},
		{"a disabled admin", Account{Role: RoleAdmin, Disabled: true}, 0, nil},
	}
	for _, c := range cases {
		if got := KeepsAnAdmin(c.acct, c.others); !errors.Is(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
