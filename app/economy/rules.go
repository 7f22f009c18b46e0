package economy

// Sale is what a purchase is decided on: the buyer's class store and coins,
// and the item or pet species asked for. The store gathers it inside its
// write transaction and calls CheckSale there, so the rule is written once
// for items and pets.
type Sale struct {
	StoreOpen bool // the buyer's class store is open
	Coins     int  // the buyer's balance
	Exists    bool // the item or species exists
	Active    bool // it is on sale
	Price     int
	Owned     bool // the buyer owns the item already (for a pet: has a pet already)
	Pet       bool // a pet, not an item
}

// CheckSale says why a sale cannot go ahead, or nil. The order matters to
// the buyer: a closed store first, then the thing itself, then the coins.
func CheckSale(s Sale) error {
	switch {
	case !s.StoreOpen:
		return ErrStoreClosed
	case !s.Exists:
		return ErrNotFound
	case !s.Active:
		return ErrItemInactive
	case s.Owned && s.Pet:
		return ErrHasPet
	case s.Owned:
		return ErrAlreadyOwned
	case s.Coins < s.Price:
		return &NotEnoughCoinsError{Need: s.Price, Have: s.Coins}
	}
	return nil
}
