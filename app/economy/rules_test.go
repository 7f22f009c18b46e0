package economy

import (
	"errors"
	"testing"
)

func TestCheckSale(t *testing.T) {
	ok := Sale{StoreOpen: true, Coins: 50, Exists: true, Active: true, Price: 30}
	cases := []struct {
		name   string
		change func(*Sale)
		want   error
	}{
		{"all good", func(*Sale) {}, nil},
		{"exact balance", func(s *Sale) { s.Coins = 30 }, nil},
		{"store closed wins over everything", func(s *Sale) { s.StoreOpen, s.Exists, s.Coins = false, false, 0 }, ErrStoreClosed},
		{"unknown item", func(s *Sale) { s.Exists = false }, ErrNotFound},
		{"off sale", func(s *Sale) { s.Active = false; s.Owned = true }, ErrItemInactive},
		{"owned item", func(s *Sale) { s.Owned = true; s.Coins = 0 }, ErrAlreadyOwned},
		{"has a pet", func(s *Sale) { s.Owned, s.Pet = true, true }, ErrHasPet},
	}
	for _, c := range cases {
		s := ok
		c.change(&s)
		if got := CheckSale(s); !errors.Is(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	s := ok
	s.Coins = 29
	var nec *NotEnoughCoinsError
	if err := CheckSale(s); !errors.As(err, &nec) || nec.Need != 30 || nec.Have != 29 {
		t.Errorf("one coin short: %v", err)
	}
}
