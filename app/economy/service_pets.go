package economy

import (
	"context"

	"animalgenius/app/pets"
)

// BuyPet buys and names the student's pet.
func (s *Service) BuyPet(ctx context.Context, studentID, speciesID int64, rawName, key string) (PetResult, error) {
	name, err := pets.CleanName(rawName)
	if err != nil {
		return PetResult{}, err
	}
	req, err := request(Actor{Kind: "student", ID: studentID}, key, "pet", speciesID, name)
	if err != nil {
		return PetResult{}, err
	}
	res, err := s.store.BuyPet(ctx, BuyPetRequest{Request: req, StudentID: studentID, SpeciesID: speciesID, Name: name}, s.opts.Now())
	s.dashboards.invalidate(studentID)
	if err == nil && !res.Replayed {
		s.studentsChanged(ctx, studentID)
	}
	if err == nil && !res.Replayed && s.opts.Observer != nil {
		s.opts.Observer.CoinsMoved(TypePetPurchase, -res.Pet.Species.Price)
		s.opts.Observer.Purchased("pet")
	}
	return res, err
}

// Care feeds, plays with or pets the student's pet. Feeding costs coins,
// so it needs an idempotency key; playing and petting are guarded by
// their cooldown and take one only when given.
func (s *Service) Care(ctx context.Context, studentID int64, action, key string) (PetResult, error) {
	a, ok := pets.ParseAction(action)
	if !ok {
		return PetResult{}, pets.ErrUnknownAction
	}
	req := Request{Actor: Actor{Kind: "student", ID: studentID}}
	if key != "" || a.Cost() > 0 {
		var err error
		if req, err = request(req.Actor, key, "care", a); err != nil {
			return PetResult{}, err
		}
	}
	res, err := s.store.CarePet(ctx, CareRequest{Request: req, StudentID: studentID, Action: string(a)}, s.opts.Now())
	s.dashboards.invalidate(studentID)
	if err == nil && !res.Replayed && a.Cost() > 0 {
		s.studentsChanged(ctx, studentID)
	}
	if err == nil && !res.Replayed && a.Cost() > 0 && s.opts.Observer != nil {
		s.opts.Observer.CoinsMoved(TypePetCare, -a.Cost())
	}
	return res, err
}

// RenamePet renames the student's pet.
func (s *Service) RenamePet(ctx context.Context, studentID int64, rawName string) error {
	name, err := pets.CleanName(rawName)
	if err != nil {
		return err
	}
	err = s.store.RenamePet(ctx, studentID, name)
	s.dashboards.invalidate(studentID)
	return err
}

// Pet returns the student's pet as seen now, or nil.
func (s *Service) Pet(ctx context.Context, studentID int64) (*PetView, error) {
	p, err := s.store.Pet(ctx, studentID)
	if err != nil || p == nil {
		return nil, err
	}
	v := p.View(s.opts.Now())
	return &v, nil
}
